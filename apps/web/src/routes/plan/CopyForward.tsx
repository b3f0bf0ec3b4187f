import type { AppRouter } from '@tangible/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import { useLanguage } from '../../format/language';
import { errorText } from '../../format/problems';
import { useTRPC, useTRPCClient } from '../../trpc';

type Summary = inferRouterOutputs<AppRouter>['planEditor']['copyForward'];

/**
 * "Start 2025 from 2024": offered on a confirmed plan whose next year has no plan yet. Asks once
 * more before copying, then says what was carried and opens the new draft.
 */
export function CopyForward({ year, onCopied }: { year: number; onCopied: (year: number) => void }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const years = useQuery(trpc.plan.years.queryOptions({ drafts: true }));
  const [asking, setAsking] = useState(false);
  const [working, setWorking] = useState(false);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const to = year + 1;
  const known = years.data?.years ?? [];
  const isDraft = (years.data?.drafts ?? []).includes(year);
  if (summary) return <CopySummary summary={summary} />;
  if (!years.data || isDraft || !known.includes(year) || known.includes(to)) return null;
  async function copy() {
    setWorking(true);
    setFailure(null);
    try {
      const made = await client.planEditor.copyForward.mutate({ fromYear: year, toYear: to });
      await queryClient.invalidateQueries();
      setSummary(made);
      setAsking(false);
      onCopied(to);
    } catch (error) {
      setFailure(t('plan.failed', { message: errorText(t, error as Parameters<typeof errorText>[1]) }));
    } finally {
      setWorking(false);
    }
  }
  return (
    <div className="plan-copy">
      {!asking ? (
        <button type="button" onClick={() => setAsking(true)}>
          {t('plan.copyStart', { from: year, to })}
        </button>
      ) : (
        <div role="alertdialog" aria-label={t('plan.copyStart', { from: year, to })}>
          <p>{t('plan.copyConfirm', { from: year, to })}</p>
          <button type="button" disabled={working} onClick={copy}>
            {t('plan.copyYes', { to })}
          </button>{' '}
          <button type="button" disabled={working} onClick={() => setAsking(false)}>
            {t('plan.cancel')}
          </button>
        </div>
      )}
      {failure && <p role="alert">{failure}</p>}
    </div>
  );
}

function CopySummary({ summary }: { summary: Summary }) {
  const { t } = useLanguage();
  const { fromYear: from, toYear: to } = summary;
  return (
    <div className="plan-copy" role="status">
      <p>
        {t('plan.copied', {
          from,
          to,
          sectors: summary.sectors,
          projects: summary.projects,
          indicators: summary.indicators,
          milestones: summary.milestonesCarried,
          left: summary.milestonesLeft,
        })}
      </p>
      <p>
        {t('plan.copiedBaselines', {
          from,
          fromActuals: summary.baselinesFromActuals,
          keptCount: summary.baselinesKept.length,
          kept: summary.baselinesKept.join(', ') || '–',
        })}
      </p>
      <p className="muted">{t('plan.copiedNext', { from })}</p>
    </div>
  );
}
