import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../auth/csrf';
import { useSession } from '../auth/useSession';
import { useLanguage } from '../format/language';
import { useTRPC } from '../trpc';

/** Who is signed in, and signing out. */
export function UserMenu() {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        setCsrfToken(null);
        queryClient.clear();
        navigate('/signin', { replace: true });
      },
    }),
  );
  const user = session.data?.user;
  if (!user)
    return session.data?.publicView ? <span className="user-menu">{t('auth.publicView')}</span> : null;
  return (
    <div className="user-menu">
      <span className="user-name">
        {t('auth.signedInAs', { name: user.displayName, role: t(`auth.role.${user.role}`) })}
      </span>
      <button
        type="button"
        className="link-button"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
      >
        {t('auth.signOut')}
      </button>
    </div>
  );
}
