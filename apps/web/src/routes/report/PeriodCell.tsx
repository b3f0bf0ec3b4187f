import { formatDate, useLanguage } from '../../format/language';
import { formatValue } from '../../format/numbers';
import { problemText } from '../../format/problems';
import { cellId, isCommentaryError } from './cells';
import type { EntryError, PeriodState, ReportPeriod } from './types';

/** A shape for each reporting state, so that the state never depends on colour alone. */
export const STATE_SYMBOL: Record<PeriodState, string> = {
  approved: '●',
  pending: '◐',
  returned: '↩',
  missing: '○',
  overdue: '■',
  not_ended: '–',
};

/** Whether the latest submission of a period was sent back and nothing newer waits for approval. */
export function isReturned(period: ReportPeriod): boolean {
  return period.returned !== null && period.pending === null;
}

/** What the server knows of one period: its state in words and shape, the values, a return's reason. */
export function PeriodFacts({ code, unit, period }: { code: string; unit: string; period: ReportPeriod }) {
  const { t, language } = useLanguage();
  const show = (value: number) => formatValue(value, unit, language, t);
  const { state, approved, pending, returned } = period;
  return (
    <div className="report-facts" id={`${cellId(code, period.period)}-state`}>
      <span className={`report-state report-state-${state}`}>
        <span aria-hidden="true">{STATE_SYMBOL[state]} </span>
        {t(`report.state.${state}`)}
      </span>
      {pending && <span className="report-value">{show(pending.value)}</span>}
      {approved && (
        <span className={pending ? 'report-value muted' : 'report-value'}>
          {pending ? t('report.grid.approvedWas', { value: show(approved.value) }) : show(approved.value)}
        </span>
      )}
      {returned && isReturned(period) && (
        <span className="report-returned">
          {state === 'approved' && (
            <span className="report-state report-state-returned">
              <span aria-hidden="true">{STATE_SYMBOL.returned} </span>
              {t('report.state.returned')}
            </span>
          )}
          <span>{t('report.grid.returnedValue', { value: show(returned.value) })}</span>
          {returned.reason && <span>{t('report.grid.reason', { reason: returned.reason })}</span>}
        </span>
      )}
      {state === 'overdue' && (
        <span className="report-due">
          {t('report.grid.due', { date: formatDate(period.dueDate, language) })}
        </span>
      )}
    </div>
  );
}

/** One editable cell of the grid: the period's facts, an input for a new value, and the server's refusals. */
export function PeriodCell({
  code,
  unit,
  period,
  span,
  draft,
  errors,
  commentaryOpen,
  onChange,
}: {
  code: string;
  unit: string;
  period: ReportPeriod;
  span: number;
  draft: string;
  errors: readonly EntryError[];
  /** Whether the row under the grid row holds this cell's commentary (CommentaryRow). */
  commentaryOpen: boolean;
  onChange: (value: string) => void;
}) {
  const { t } = useLanguage();
  const id = cellId(code, period.period);
  // A refusal for want of commentary is answered in the row below; the cell says where to look.
  const valueErrors = errors.filter((error) => !isCommentaryError(error));
  const wantsCommentary = errors.some(isCommentaryError);
  const describedBy = [`${id}-state`, errors.length > 0 ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <td
      colSpan={span}
      className={`report-cell report-cell-${period.state}${errors.length > 0 ? ' report-cell-invalid' : ''}${
        draft.trim() ? ' report-cell-changed' : ''
      }`}
      data-period={period.period}
      data-state={period.state}
    >
      <PeriodFacts code={code} unit={unit} period={period} />
      <input
        className="report-input"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        id={`${id}-input`}
        aria-label={`${code} ${period.period}`}
        aria-describedby={describedBy}
        aria-invalid={errors.length > 0 || undefined}
        disabled={period.state === 'not_ended'}
        value={draft}
        onChange={(event) => onChange(event.target.value)}
      />
      {errors.length > 0 && (
        <ul className="report-cell-error" id={`${id}-error`}>
          {valueErrors.map((error) => (
            <li key={`${error.field} ${error.message}`}>
              <strong>{t(`report.grid.fieldError.${error.field}`)}</strong> {problemText(t, error)}
            </li>
          ))}
          {wantsCommentary && (
            <li>
              {commentaryOpen ? (
                <a href={`#${id}-commentary`}>{t('report.grid.commentaryAsked')}</a>
              ) : (
                t('report.grid.commentaryAsked')
              )}
            </li>
          )}
        </ul>
      )}
    </td>
  );
}
