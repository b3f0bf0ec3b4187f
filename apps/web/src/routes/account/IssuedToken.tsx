import { useEffect, useRef, useState } from 'react';
import { useLanguage } from '../../format/language';
import { useView } from '../../view/useView';

type CopyState = 'idle' | 'copied' | 'failed';

/** A token just created: shown this once, with a copy button and a ready-to-run example. */
export function IssuedToken({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const { t } = useLanguage();
  const { view } = useView();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<{ what: 'token' | 'example'; state: CopyState }>({
    what: 'token',
    state: 'idle',
  });
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const search = new URLSearchParams({ year: String(view?.year ?? 2024) });
  if (view?.asOf) search.set('asOf', view.asOf);
  const example = `curl -H "Authorization: Bearer ${token}" "${window.location.origin}/api/export/indicators.csv?${search}"`;
  const copy = (what: 'token' | 'example', text: string) => {
    const clipboard = navigator.clipboard;
    if (!clipboard) {
      setCopied({ what, state: 'failed' });
      return;
    }
    clipboard.writeText(text).then(
      () => setCopied({ what, state: 'copied' }),
      () => setCopied({ what, state: 'failed' }),
    );
  };
  const feedback = (what: 'token' | 'example') =>
    copied.what === what && copied.state !== 'idle'
      ? t(copied.state === 'copied' ? 'account.tokens.copied' : 'account.tokens.copyFailed')
      : '';
  return (
    <section className="account-issued" aria-labelledby="account-issued-title">
      <h3 id="account-issued-title" ref={heading} tabIndex={-1}>
        {t('account.tokens.issuedTitle')}
      </h3>
      <p className="account-warning">
        <span aria-hidden="true">⚠ </span>
        <strong>{t('account.tokens.issuedWarning')}</strong>
      </p>
      <p className="label">{t('account.tokens.issuedLabel', { name })}</p>
      <div className="account-secret">
        <code className="account-token">{token}</code>
        <button type="button" className="account-button" onClick={() => copy('token', token)}>
          {t('account.tokens.copy')}
        </button>
        <span className="muted" aria-live="polite">
          {feedback('token')}
        </span>
      </div>
      <p className="label">{t('account.tokens.example')}</p>
      <div className="account-secret">
        <code className="account-example">{example}</code>
        <button type="button" className="account-button" onClick={() => copy('example', example)}>
          {t('account.tokens.copyExample')}
        </button>
        <span className="muted" aria-live="polite">
          {feedback('example')}
        </span>
      </div>
      <button type="button" className="primary" onClick={onDone}>
        {t('account.tokens.done')}
      </button>
    </section>
  );
}
