import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLanguage } from '../../format/language';
import { errorText } from '../../format/problems';
import { useTRPC } from '../../trpc';
import { type Change, ChangeList, type Draft } from './ChangeList';
import { cellKey, errorsByCell, parseTypedValue, periodsInColumns } from './cells';
import { PeriodCell } from './PeriodCell';
import type { EntryError, ReportIndicator } from './types';

const EMPTY: Draft = { value: '', note: '', evidenceUrl: '' };
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

type Outcome =
  | { kind: 'submitted'; count: number }
  | { kind: 'refused'; count: number }
  | { kind: 'forbidden' }
  | { kind: 'failed'; message: string }
  | { kind: 'invalidLocal' };

/**
 * The monthly grid: one row per indicator, one column per month (a quarter spans its three months,
 * a year all twelve). Changed cells are submitted together with `reports.submitMany`, which records
 * all of them or, when any is wrong, none; refusals are shown on the cells they concern.
 */
export function ReportGrid({
  year,
  departmentName,
  indicators,
}: {
  year: number;
  departmentName: string;
  indicators: readonly ReportIndicator[];
}) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, EntryError[]>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const changes: Change[] = indicators.flatMap((indicator) =>
    indicator.periods.flatMap((period) => {
      const key = cellKey(indicator.code, period.period);
      const draft = drafts[key];
      if (!draft?.value.trim()) return [];
      return [
        {
          key,
          code: indicator.code,
          name: indicator.name[language],
          unit: indicator.unit,
          period: period.period,
          draft,
        },
      ];
    }),
  );

  const submitMany = useMutation(trpc.reports.submitMany.mutationOptions());

  const edit = (key: string, patch: Partial<Draft>) => {
    setDrafts((current) => ({ ...current, [key]: { ...(current[key] ?? EMPTY), ...patch } }));
    if (patch.value !== undefined || patch.evidenceUrl !== undefined) {
      setErrors((current) => {
        const { [key]: _dropped, ...rest } = current;
        return rest;
      });
    }
  };
  const remove = (key: string) => {
    setDrafts(({ [key]: _dropped, ...rest }) => rest);
    setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changes.length === 0) return;
    const local: Record<string, EntryError[]> = {};
    const entries = changes.map((change, i) => {
      const value = parseTypedValue(change.draft.value);
      if (value === null)
        local[change.key] = [{ row: i + 1, field: 'value', message: t('report.grid.notNumber') }];
      return {
        code: change.code,
        period: change.period,
        value: value ?? 0,
        note: change.draft.note.trim() || null,
        evidenceUrl: change.draft.evidenceUrl.trim() || null,
      };
    });
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setOutcome({ kind: 'invalidLocal' });
      return;
    }
    const keys = changes.map((change) => change.key);
    setOutcome(null);
    submitMany.mutate(
      { year, entries },
      {
        onSuccess: async (result) => {
          setDrafts({});
          setErrors({});
          setOutcome({ kind: 'submitted', count: result.submitted });
          await queryClient.invalidateQueries();
        },
        onError: (error) => {
          const refused = error.data?.entryErrors;
          if (refused && refused.length > 0) {
            setErrors(errorsByCell(refused, keys));
            setOutcome({ kind: 'refused', count: refused.length });
          } else if (error.data?.code === 'FORBIDDEN') {
            setErrors({});
            setOutcome({ kind: 'forbidden' });
          } else {
            setErrors({});
            setOutcome({ kind: 'failed', message: errorText(t, error) });
          }
        },
      },
    );
  };

  return (
    <form className="report-grid-form" onSubmit={submit} noValidate>
      <div className="table-scroll report-grid-scroll">
        <table className="data-table report-grid">
          <caption>{t('report.grid.caption', { department: departmentName, year })}</caption>
          <thead>
            <tr>
              <th scope="col" className="report-grid-indicator">
                {t('report.grid.indicator')}
              </th>
              {MONTHS.map((month) => (
                <th scope="col" key={month}>
                  {t('report.grid.month', {
                    month,
                    monthName: new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(
                      new Date(Date.UTC(year, month - 1, 1)),
                    ),
                  })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator) => (
              <tr key={indicator.code} data-code={indicator.code}>
                <th scope="row" className="report-grid-indicator">
                  <span className="code">{indicator.code}</span> {indicator.name[language]}
                  <span className="muted report-grid-meta">
                    {t(`units.${indicator.unit}`, { defaultValue: indicator.unit })} ·{' '}
                    {t(`frequency.${indicator.frequency}`)}
                  </span>
                </th>
                {periodsInColumns(indicator.periods).map(({ period, span }) => {
                  const key = cellKey(indicator.code, period.period);
                  return (
                    <PeriodCell
                      key={period.period}
                      code={indicator.code}
                      unit={indicator.unit}
                      period={period}
                      span={span}
                      draft={drafts[key]?.value ?? ''}
                      errors={errors[key] ?? []}
                      onChange={(value) => edit(key, { value })}
                    />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="panel report-changes-panel" aria-labelledby="report-changes-title">
        <h3 id="report-changes-title">{t('report.changes.title', { count: changes.length })}</h3>
        <ChangeList changes={changes} errors={errors} onEdit={edit} onRemove={remove} />
        <Outcome outcome={outcome} />
        <div className="report-actions">
          <button type="submit" className="primary" disabled={changes.length === 0 || submitMany.isPending}>
            {submitMany.isPending
              ? t('report.changes.submitting')
              : t('report.changes.submit', { count: changes.length })}
          </button>
          <button
            type="button"
            className="link-button"
            disabled={changes.length === 0}
            onClick={() => {
              setDrafts({});
              setErrors({});
              setOutcome(null);
            }}
          >
            {t('report.changes.clear')}
          </button>
        </div>
      </section>
    </form>
  );
}

function Outcome({ outcome }: { outcome: Outcome | null }) {
  const { t } = useLanguage();
  if (!outcome) return null;
  if (outcome.kind === 'submitted') {
    return (
      <p className="report-outcome report-outcome-ok" role="status">
        <span aria-hidden="true">✓ </span>
        {t('report.changes.submitted', { count: outcome.count })}
      </p>
    );
  }
  return (
    <div className="report-outcome report-outcome-refused" role="alert">
      <span aria-hidden="true">✗ </span>
      {outcome.kind === 'refused' && (
        <>
          <strong>{t('report.changes.refused')}</strong>{' '}
          {t('report.changes.refusedHint', { count: outcome.count })}
        </>
      )}
      {outcome.kind === 'forbidden' && <strong>{t('report.changes.forbidden')}</strong>}
      {outcome.kind === 'failed' && t('report.changes.failed', { message: outcome.message })}
      {outcome.kind === 'invalidLocal' && t('report.changes.invalidLocal')}
    </div>
  );
}
