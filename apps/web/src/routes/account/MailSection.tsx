import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { refusalText } from './serverError';

type Settings = RouterOutputs['mail']['mine'];

/** Your email: the address reminders and the digest go to, their language, and whether you want them. */
export function MailSection() {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const mine = useQuery(trpc.mail.mine.queryOptions());
  return (
    <section aria-labelledby="account-mail" className="account-panel account-mail">
      <h2 id="account-mail">{t('account.mail.title')}</h2>
      <p className="muted">{t('account.mail.intro')}</p>
      <QueryState query={mine}>{(settings) => <MailForm settings={settings} />}</QueryState>
    </section>
  );
}

function MailForm({ settings }: { settings: Settings }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(settings.email ?? '');
  const [language, setLanguage] = useState(settings.language);
  const [wanted, setWanted] = useState(settings.wanted);
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.mail.set.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.mail.mine.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate({ email, language, wanted });
  };
  return (
    // The server checks the address and says what is wrong in the reader's language.
    <form className="account-form account-mail-form" noValidate onSubmit={submit}>
      <div className="form-field">
        <label htmlFor="account-mail-address">{t('account.mail.address')}</label>
        <input
          id="account-mail-address"
          name="email"
          type="email"
          value={email}
          maxLength={254}
          autoComplete="email"
          aria-describedby="account-mail-address-hint"
          onChange={(e) => setEmail(e.target.value)}
        />
        <span id="account-mail-address-hint" className="muted account-hint">
          {t('account.mail.addressHint')}
        </span>
      </div>
      <div className="form-field">
        <label htmlFor="account-mail-language">{t('account.mail.language')}</label>
        <select
          id="account-mail-language"
          value={language}
          onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'ko')}
        >
          <option value="ko">한국어</option>
          <option value="en">English</option>
        </select>
      </div>
      <label className="account-check">
        <input type="checkbox" checked={wanted} onChange={(e) => setWanted(e.target.checked)} />{' '}
        {t('account.mail.wanted')}
      </label>
      <button type="submit" className="primary" disabled={save.isPending}>
        {save.isPending ? t('account.mail.saving') : t('account.mail.save')}
      </button>
      {save.isError && (
        <p className="form-error" role="alert">
          {refusalText(save.error, t)}
        </p>
      )}
      {saved && (
        <p className="account-success" role="status">
          {t('account.mail.saved')}
        </p>
      )}
    </form>
  );
}
