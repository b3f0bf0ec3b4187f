import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { useLanguage } from '../../format/language';
import { errorText } from '../../format/problems';
import { useTRPC } from '../../trpc';
import { type Change, ChangeList, type Draft } from './ChangeList';
import { type AskedCell, CommentaryRow } from './CommentaryRow';
import { cellId, cellKey, errorsByCell, isCommentaryError, parseTypedValue, periodsInColumns } from './cells';
import { PeriodCell } from './PeriodCell';
import type { EntryError, ReportIndicator } from './types';

const EMPTY: Draft = {
  value: '',
  note: '',
  evidenceUrl: '',
  analysis: '',
  nextSteps: '',
  commentaryPublic: false,
};
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

type Outcome =
  | { kind: 'submitted'; count: number }
  | { kind: 'refused'; count: number }
  | { kind: 'commentary'; count: number }
  | { kind: 'forbidden' }
  | { kind: 'failed'; message: string }
  | { kind: 'invalidLocal' };

/**
 * The monthly grid: one row per indicator, one column per month (a quarter spans its three months,
 * a year all twelve). Changed cells are submitted together with `reports.submitMany`, which records
 * all of them or, when any is wrong, none; refusals are shown on the cells they concern. A value that
 * leaves its indicator at risk or off track is refused for want of commentary: the grid then opens,
 * under the row, the analysis and next steps of each such cell, and they go with the values when
 * the grid is submitted again.
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
  // The cells whose commentary the server asked for, and the one whose analysis takes the focus.
  const [asked, setAsked] = useState<readonly string[]>([]);
  const [focus, setFocus] = useState<{ key: string; request: number } | null>(null);

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
    } else {
      // Writing an analysis or next steps clears that field's refusal only.
      const fields = (['analysis', 'nextSteps'] as const).filter((field) => patch[field] !== undefined);
      if (fields.length > 0)
        setErrors((current) => {
          const left = (current[key] ?? []).filter((e) => !fields.some((field) => field === e.field));
          const { [key]: _dropped, ...rest } = current;
          return left.length > 0 ? { ...rest, [key]: left } : rest;
        });
    }
  };
  const remove = (key: string) => {
    setDrafts(({ [key]: _dropped, ...rest }) => rest);
    setErrors(({ [key]: _dropped, ...rest }) => rest);
    setAsked((current) => current.filter((k) => k !== key));
  };
  /** Closes a cell's commentary (Esc or Cancel): what was written goes, the value stays, focus goes back to it. */
  const cancelCommentary = (key: string, code: string, period: string) => {
    setAsked((current) => current.filter((k) => k !== key));
    setFocus(null);
    setDrafts((current) => {
      const draft = current[key];
      return draft
        ? { ...current, [key]: { ...draft, analysis: '', nextSteps: '', commentaryPublic: false } }
        : current;
    });
    document.getElementById(`${cellId(code, period)}-input`)?.focus();
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
        ...(asked.includes(change.key)
          ? {
              analysis: change.draft.analysis.trim() || null,
              nextSteps: change.draft.nextSteps.trim() || null,
              commentaryPublic: change.draft.commentaryPublic,
            }
          : {}),
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
          setAsked([]);
          setFocus(null);
          setOutcome({ kind: 'submitted', count: result.submitted });
          await queryClient.invalidateQueries();
        },
        onError: (error) => {
          const refused = error.data?.entryErrors;
          if (refused && refused.length > 0) {
            const byCell = errorsByCell(refused, keys);
            setErrors(byCell);
            // Cells already open stay open; those newly refused for want of commentary open too.
            const wanting = keys.filter((key) => byCell[key]?.some(isCommentaryError));
            const opened = [...asked, ...wanting.filter((key) => !asked.includes(key))];
            setAsked(opened);
            const first = wanting[0];
            setFocus(first ? { key: first, request: (focus?.request ?? 0) + 1 } : null);
            setOutcome(
              refused.every(isCommentaryError)
                ? { kind: 'commentary', count: wanting.length }
                : { kind: 'refused', count: refused.length },
            );
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
            {indicators.map((indicator) => {
              const askedHere: AskedCell[] = indicator.periods.flatMap((period) => {
                const key = cellKey(indicator.code, period.period);
                if (!asked.includes(key)) return [];
                return [
                  {
                    key,
                    code: indicator.code,
                    period: period.period,
                    draft: drafts[key] ?? EMPTY,
                    errors: errors[key] ?? [],
                  },
                ];
              });
              return (
                <Fragment key={indicator.code}>
                  <tr data-code={indicator.code}>
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
                          commentaryOpen={asked.includes(key)}
                          onChange={(value) => edit(key, { value })}
                        />
                      );
                    })}
                  </tr>
                  {askedHere.length > 0 && (
                    <CommentaryRow
                      columns={MONTHS.length + 1}
                      cells={askedHere}
                      focus={focus}
                      onEdit={edit}
                      onCancel={(key) => {
                        const cell = askedHere.find((c) => c.key === key);
                        if (cell) cancelCommentary(key, cell.code, cell.period);
                      }}
                    />
                  )}
                </Fragment>
              );
            })}
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
              setAsked([]);
              setFocus(null);
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
      {outcome.kind === 'commentary' && t('report.changes.commentaryNeeded', { count: outcome.count })}
      {outcome.kind === 'forbidden' && <strong>{t('report.changes.forbidden')}</strong>}
      {outcome.kind === 'failed' && t('report.changes.failed', { message: outcome.message })}
      {outcome.kind === 'invalidLocal' && t('report.changes.invalidLocal')}
    </div>
  );
}
