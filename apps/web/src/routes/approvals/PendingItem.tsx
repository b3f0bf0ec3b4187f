import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useLanguage } from '../../format/language';
import { formatMoment } from '../../format/moments';
import { formatPeriod, formatValue } from '../../format/numbers';
import { errorText } from '../../format/problems';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { Commentary } from '../directives/Commentary';

export type PendingValue = RouterOutputs['approvals']['pending']['items'][number];

/** One value waiting for approval: what, whose, against what is approved now; approve, or return with a reason. */
export function PendingItem({
  item,
  currentApproved,
  onReviewed,
}: {
  item: PendingValue;
  /** The value approved for the same indicator and period, if any. */
  currentApproved: number | null;
  onReviewed: (message: string) => void;
}) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const id = useId();
  const label = `${item.code} ${formatPeriod(item.period, t)}`;
  const show = (value: number) => formatValue(value, item.unit, language, t);
  const done = async (message: string) => {
    await queryClient.invalidateQueries();
    onReviewed(message);
  };
  const approve = useMutation(
    trpc.approvals.approve.mutationOptions({
      onSuccess: () => done(t('approvals.approved', { item: label })),
    }),
  );
  const sendBack = useMutation(
    trpc.approvals.return.mutationOptions({
      onSuccess: () => done(t('approvals.returned', { item: label })),
    }),
  );
  const busy = approve.isPending || sendBack.isPending;
  const error = approve.error ?? sendBack.error;
  const reasonMissing = Boolean(
    (sendBack.error?.data?.zodError?.fieldErrors as Record<string, string[] | undefined> | undefined)?.reason
      ?.length,
  );
  const submitReturn = (event: FormEvent) => {
    event.preventDefault();
    sendBack.mutate({ id: item.id, reason });
  };
  return (
    <li className="approvals-item" data-id={item.id} data-code={item.code} data-period={item.period}>
      <h3 className="approvals-item-title">
        <span className="code">{item.code}</span> {item.name[language]}
        <span className="muted approvals-department"> · {item.department.name[language]}</span>
      </h3>
      <dl className="approvals-facts">
        <div>
          <dt>{t('approvals.period')}</dt>
          <dd>{formatPeriod(item.period, t)}</dd>
        </div>
        <div data-fact="value">
          <dt>{t('approvals.value')}</dt>
          <dd>
            <strong>{show(item.value)}</strong>
          </dd>
        </div>
        <div data-fact="current">
          <dt>{t('approvals.current')}</dt>
          <dd>{currentApproved === null ? t('approvals.none') : show(currentApproved)}</dd>
        </div>
        <div>
          <dt>{t('approvals.evidence')}</dt>
          <dd>
            {item.evidenceUrl ? (
              <a href={item.evidenceUrl} target="_blank" rel="noopener noreferrer">
                {t('approvals.evidenceLink')}
              </a>
            ) : (
              <span className="muted">{t('approvals.noEvidence')}</span>
            )}
          </dd>
        </div>
        <div className="approvals-note">
          <dt>{t('approvals.note')}</dt>
          <dd>{item.note ?? <span className="muted">{t('approvals.noNote')}</span>}</dd>
        </div>
        {/* The commentary is approved with the value: the approver reads it before deciding. */}
        {(item.analysis || item.nextSteps) && (
          <div className="approvals-commentary" data-fact="commentary">
            <dt>{t('directives.commentary.title')}</dt>
            <dd>
              <Commentary
                commentary={{ period: item.period, analysis: item.analysis, nextSteps: item.nextSteps }}
              />
            </dd>
          </div>
        )}
        {/* Imported without its why: the server refuses approval until the department writes it. */}
        {item.commentaryOwed && (
          <div className="approvals-owed" data-fact="commentary-owed">
            <dt>{t('directives.commentary.title')}</dt>
            <dd id={`${id}-owed`}>
              <strong>{t('approvals.commentaryOwed')}</strong> {t('approvals.commentaryOwedWhy')}
            </dd>
          </div>
        )}
        <div className="approvals-entered">
          <dt>{t('approvals.enteredBy')}</dt>
          <dd>
            {t('approvals.enteredByAt', {
              who: item.enteredBy,
              when: formatMoment(item.enteredAt, language),
            })}
          </dd>
        </div>
      </dl>
      <div className="approvals-actions">
        <button
          type="button"
          className="primary"
          disabled={busy || item.commentaryOwed}
          aria-label={t('approvals.approveLabel', { item: label })}
          aria-describedby={item.commentaryOwed ? `${id}-owed` : undefined}
          onClick={() => approve.mutate({ id: item.id })}
        >
          <span aria-hidden="true">✓ </span>
          {t('approvals.approve')}
        </button>
        <button
          type="button"
          className="approvals-return-button"
          disabled={busy}
          aria-expanded={returning}
          aria-controls={`${id}-return`}
          aria-label={t('approvals.returnLabel', { item: label })}
          onClick={() => setReturning((open) => !open)}
        >
          <span aria-hidden="true">↩ </span>
          {t('approvals.return')}
        </button>
      </div>
      {returning && (
        <form
          id={`${id}-return`}
          className="approvals-return"
          onSubmit={submitReturn}
          aria-label={t('approvals.returnTitle', { item: label })}
        >
          <label htmlFor={`${id}-reason`}>{t('approvals.reason')}</label>
          <p className="muted" id={`${id}-hint`}>
            {t('approvals.reasonHint')}
          </p>
          <textarea
            id={`${id}-reason`}
            rows={3}
            value={reason}
            required
            aria-describedby={`${id}-hint`}
            aria-invalid={reasonMissing || undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="approvals-actions">
            <button type="submit" className="primary" disabled={busy}>
              {sendBack.isPending ? t('approvals.working') : t('approvals.confirmReturn')}
            </button>
            <button type="button" className="link-button" onClick={() => setReturning(false)}>
              {t('approvals.cancel')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          {reasonMissing
            ? t('approvals.reasonRequired')
            : t('approvals.failed', { message: errorText(t, error) })}
        </p>
      )}
    </li>
  );
}
