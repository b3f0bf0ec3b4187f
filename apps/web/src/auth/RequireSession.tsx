import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { errorText } from '../format/problems';
import { useSession } from './useSession';

/** Sends readers who are not signed in to the sign-in screen (unless the city runs the public view). */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <p className="state" role="status">
        {t('state.loading')}
      </p>
    );
  }
  if (session.isError) {
    return (
      <p className="state state-error" role="alert">
        {t('state.error', { message: errorText(t, session.error) })}
      </p>
    );
  }
  if (!session.data.user && !session.data.publicView) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
