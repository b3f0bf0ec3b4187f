import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { setCsrfToken } from '../../auth/csrf';
import { useLanguage } from '../../format/language';
import { errorText } from '../../format/problems';
import { setLanguage } from '../../i18n';
import { useTRPC } from '../../trpc';

/** Only paths inside the app are followed after signing in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignInPage() {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: async (result) => {
        setCsrfToken(result.csrfToken);
        // Forget everything cached as nobody (auth.me included), so the app reloads as the new user.
        await queryClient.resetQueries();
        navigate(safeNext(params.get('next')), { replace: true });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username, password });
  };
  const next = language === 'ko' ? 'en' : 'ko';
  return (
    <main className="signin" id="main">
      <form className="signin-form" onSubmit={submit} aria-labelledby="signin-title">
        <p className="brand-name">{t('app.name')}</p>
        <h1 id="signin-title">{t('auth.title')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <label>
          {t('auth.username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t('auth.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {signIn.isError && (
          <p className="form-error" role="alert">
            {/* A refusal says why (wrong password, or how long to wait); anything else reads as wrong. */}
            {signIn.error.data?.problem ? errorText(t, signIn.error) : t('auth.wrong')}
          </p>
        )}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? t('auth.signingIn') : t('auth.signIn')}
        </button>
        <button type="button" className="link-button" lang={next} onClick={() => setLanguage(next)}>
          {t('language.switchTo')}
        </button>
      </form>
    </main>
  );
}
