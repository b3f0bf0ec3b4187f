import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type ExportColumn,
  ExportCsvButton,
  exportFileName,
  exportTable,
} from '../../components/ExportCsvButton';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { formatMoment } from '../../format/moments';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { IssuedToken } from './IssuedToken';
import { refusalText } from './serverError';

type Token = RouterOutputs['tokens']['list'][number];

/** Your API tokens: the list, a new one (shown once), and revoking one after confirming. */
export function TokensSection({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.tokens.list.queryOptions());
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: async (result, input) => {
        setIssued({ name: input.name, token: result.token });
        setName('');
        await queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setIssued(null);
    create.mutate({ name });
  };
  return (
    <section aria-labelledby="account-tokens" className="account-panel account-tokens">
      <h2 id="account-tokens">{t('account.tokens.title')}</h2>
      <p className="muted">{t('account.tokens.intro')}</p>

      <form className="account-form account-token-form" onSubmit={submit}>
        <div className="form-field">
          <label htmlFor="account-token-name">{t('account.tokens.newName')}</label>
          <input
            id="account-token-name"
            name="token-name"
            value={name}
            maxLength={100}
            required
            aria-describedby="account-token-name-hint"
            onChange={(e) => setName(e.target.value)}
          />
          <span id="account-token-name-hint" className="muted account-hint">
            {t('account.tokens.newNameHint')}
          </span>
        </div>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t('account.tokens.creating') : t('account.tokens.create')}
        </button>
        {create.isError && (
          <p className="form-error" role="alert">
            {refusalText(create.error, t)}
          </p>
        )}
      </form>

      {issued && <IssuedToken name={issued.name} token={issued.token} onDone={() => setIssued(null)} />}

      <QueryState query={tokens}>
        {(list) =>
          list.length === 0 ? (
            <p className="state state-empty">{t('account.tokens.empty')}</p>
          ) : (
            <TokenTable tokens={list} showOwner={isAdmin} />
          )
        }
      </QueryState>
    </section>
  );
}

function TokenTable({ tokens, showOwner }: { tokens: Token[]; showOwner: boolean }) {
  const { t, language } = useLanguage();
  // The CSV: the columns shown but the actions; moments as ISO timestamps.
  const exportColumns: ExportColumn<Token>[] = [
    { header: t('account.tokens.name'), value: (token) => token.name },
    { header: t('account.tokens.prefix'), value: (token) => token.prefix },
    ...(showOwner ? [{ header: t('account.tokens.owner'), value: (token: Token) => token.owner }] : []),
    { header: t('account.tokens.created'), value: (token) => token.createdAt },
    { header: t('account.tokens.lastUsed'), value: (token) => token.lastUsedAt },
    {
      header: t('account.tokens.state'),
      value: (token) =>
        token.revokedAt === null
          ? t('account.tokens.active')
          : t('account.tokens.revokedOn', { date: token.revokedAt }),
    },
  ];
  return (
    <>
      <ExportCsvButton
        name={exportFileName('tokens', language)}
        {...exportTable(exportColumns, tokens)}
        what={t('account.tokens.caption')}
      />
      <div className="table-scroll">
        <table className="data-table account-token-table">
          <caption className="visually-hidden">{t('account.tokens.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.tokens.name')}</th>
              <th scope="col">{t('account.tokens.prefix')}</th>
              {showOwner && <th scope="col">{t('account.tokens.owner')}</th>}
              <th scope="col">{t('account.tokens.created')}</th>
              <th scope="col">{t('account.tokens.lastUsed')}</th>
              <th scope="col">{t('account.tokens.state')}</th>
              <th scope="col">{t('account.tokens.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <TokenRow key={token.id} token={token} showOwner={showOwner} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function TokenRow({ token, showOwner }: { token: Token; showOwner: boolean }) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
      },
    }),
  );
  const revoked = token.revokedAt !== null;
  return (
    <tr data-token-id={token.id} data-revoked={revoked ? 'true' : 'false'}>
      <th scope="row">{token.name}</th>
      <td>
        <span className="code">{token.prefix}…</span>
      </td>
      {showOwner && <td>{token.owner}</td>}
      <td>{formatMoment(token.createdAt, language)}</td>
      <td>{token.lastUsedAt ? formatMoment(token.lastUsedAt, language) : t('account.tokens.never')}</td>
      <td className="account-token-state">
        {revoked ? (
          <span className="account-flag account-flag-off">
            <span aria-hidden="true">✕ </span>
            {t('account.tokens.revokedOn', { date: formatMoment(token.revokedAt, language) })}
          </span>
        ) : (
          <span className="account-flag account-flag-on">
            <span aria-hidden="true">● </span>
            {t('account.tokens.active')}
          </span>
        )}
      </td>
      <td className="account-actions">
        <div className="account-action-list">
          {!revoked && !confirming && (
            <button type="button" className="account-button" onClick={() => setConfirming(true)}>
              {t('account.tokens.revoke')}
            </button>
          )}
          {!revoked && confirming && (
            <div className="account-confirm">
              <p>{t('account.tokens.revokeConfirm', { name: token.name })}</p>
              <button
                type="button"
                className="account-button account-danger"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ id: token.id })}
              >
                {revoke.isPending ? t('account.tokens.revoking') : t('account.tokens.revokeYes')}
              </button>
              <button type="button" className="account-button" onClick={() => setConfirming(false)}>
                {t('account.tokens.revokeNo')}
              </button>
              {revoke.isError && (
                <p className="form-error" role="alert">
                  {refusalText(revoke.error, t)}
                </p>
              )}
            </div>
          )}
        </div>
      </td>
    </tr>
  );
}
