import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLanguage } from '../../format/language';
import { formatMoment } from '../../format/moments';
import { formatValue } from '../../format/numbers';
import { errorText } from '../../format/problems';
import { type RouterOutputs, useTRPC, useTRPCClient } from '../../trpc';

type Outline = RouterOutputs['planEditor']['outline'];

/**
 * What waits for the planning office: target revisions and bureau heads' changes, each approved or
 * rejected with a reason. A proposal is decided by someone other than its proposer (the server
 * refuses it too); the screen says so instead of offering the buttons.
 */
export function PlanDecisions({
  outline,
  onMessage,
}: {
  outline: Outline;
  onMessage: (message: string) => void;
}) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const changes = useQuery(trpc.planEditor.changes.queryOptions({ year: outline.year }));
  const [failure, setFailure] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  async function decide(what: 'revision' | 'change', id: number, approve: boolean) {
    setFailure(null);
    try {
      if (what === 'revision') {
        if (approve) await client.planEditor.approveRevision.mutate({ id });
        else await client.planEditor.rejectRevision.mutate({ id, reason });
      } else if (approve) await client.planEditor.approveChange.mutate({ id });
      else await client.planEditor.rejectChange.mutate({ id, reason });
      setRejecting(null);
      setReason('');
      await queryClient.invalidateQueries();
      onMessage(t(approve ? 'plan.decisions.approved' : 'plan.decisions.rejected'));
    } catch (error) {
      setFailure(t('plan.failed', { message: errorText(t, error as Parameters<typeof errorText>[1]) }));
    }
  }

  const buttons = (what: 'revision' | 'change', id: number, own: boolean, label: string) => {
    if (own) return <p className="muted">{t('plan.decisions.ownProposal')}</p>;
    const key = `${what}-${id}`;
    return (
      <div className="plan-decision-buttons">
        <button type="button" className="primary" onClick={() => decide(what, id, true)}>
          {t('plan.decisions.approve')}
          <span className="visually-hidden"> {label}</span>
        </button>
        {rejecting === key ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void decide(what, id, false);
            }}
          >
            <label>
              {t('plan.decisions.rejectReason')}
              <input value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="submit">{t('plan.decisions.reject')}</button>
          </form>
        ) : (
          <button type="button" onClick={() => setRejecting(key)}>
            {t('plan.decisions.reject')}
            <span className="visually-hidden"> {label}</span>
          </button>
        )}
      </div>
    );
  };

  const pendingChanges = changes.data ?? [];
  const units = new Map(
    outline.sectors.flatMap((s) =>
      s.strategies.flatMap((g) =>
        g.projects.flatMap((p) => p.indicators.map((i) => [i.code, i.fields.unit] as const)),
      ),
    ),
  );
  const inUnit = (code: string, value: number) => formatValue(value, units.get(code) ?? '', language, t);
  return (
    <section className="plan-decisions" aria-labelledby="plan-decisions-title">
      <h2 id="plan-decisions-title">{t('plan.decisions.title')}</h2>
      {failure && (
        <p className="plan-form-failure" role="alert">
          {failure}
        </p>
      )}
      {outline.pendingRevisions.length === 0 && pendingChanges.length === 0 && (
        <p className="state state-empty">{t('plan.decisions.none')}</p>
      )}
      {outline.pendingRevisions.length > 0 && (
        <>
          <h3>{t('plan.decisions.revisions', { count: outline.pendingRevisions.length })}</h3>
          <ul className="plan-decision-list">
            {outline.pendingRevisions.map((r) => {
              const label = t('plan.decisions.revisionLine', {
                code: r.code,
                period: r.period,
                original: inUnit(r.code, r.original),
                revised: inUnit(r.code, r.revised),
              });
              return (
                <li key={r.id} data-revision={r.id} data-code={r.code}>
                  <strong>{label}</strong>
                  <p>{r.reason}</p>
                  <p className="muted">
                    {t('plan.decisions.proposedBy', {
                      who: r.proposedBy,
                      when: formatMoment(r.proposedAt, language),
                    })}
                  </p>
                  {buttons('revision', r.id, r.ownProposal, label)}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {pendingChanges.length > 0 && (
        <>
          <h3>{t('plan.decisions.changes', { count: pendingChanges.length })}</h3>
          <ul className="plan-decision-list">
            {pendingChanges.map((c) => {
              const code = String((c.input as { code?: unknown }).code ?? '');
              const label = t('plan.decisions.operation', { operation: c.operation, code });
              return (
                <li key={c.id} data-change={c.id}>
                  <strong>{label}</strong>
                  <p>{c.reason}</p>
                  <p className="muted">
                    {t('plan.decisions.proposedBy', {
                      who: c.proposedBy,
                      when: formatMoment(c.proposedAt, language),
                    })}
                  </p>
                  {buttons('change', c.id, c.ownProposal, label)}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
