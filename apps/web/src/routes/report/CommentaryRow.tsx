import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import { problemText } from '../../format/problems';
import type { Draft } from './ChangeList';
import { cellId } from './cells';
import type { EntryError } from './types';

/** A cell whose value the server refused for want of commentary, with what has been written so far. */
export interface AskedCell {
  key: string;
  code: string;
  period: string;
  draft: Draft;
  errors: readonly EntryError[];
}

/**
 * The row under a grid row where the commentary the server asked for is written: for each of the
 * row's cells whose value leaves the indicator at risk or off track, its analysis (원인 분석) and next
 * steps (향후 대책). They travel with the values in the next submission of the whole grid.
 */
export function CommentaryRow({
  columns,
  cells,
  focus,
  onEdit,
  onCancel,
}: {
  columns: number;
  cells: readonly AskedCell[];
  /** The cell whose analysis takes the focus (the first one asked for), anew with each refusal. */
  focus: { key: string; request: number } | null;
  onEdit: (key: string, patch: Partial<Draft>) => void;
  onCancel: (key: string) => void;
}) {
  return (
    <tr className="report-commentary-row">
      <td colSpan={columns}>
        {cells.map((cell) => (
          <CommentaryArea
            key={cell.key}
            cell={cell}
            focusRequest={cell.key === focus?.key ? focus.request : null}
            onEdit={(patch) => onEdit(cell.key, patch)}
            onCancel={() => onCancel(cell.key)}
          />
        ))}
      </td>
    </tr>
  );
}

function CommentaryArea({
  cell,
  focusRequest,
  onEdit,
  onCancel,
}: {
  cell: AskedCell;
  focusRequest: number | null;
  onEdit: (patch: Partial<Draft>) => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusRequest !== null) first.current?.focus();
  }, [focusRequest]);
  const id = `${cellId(cell.code, cell.period)}-commentary`;
  const errorOf = (field: 'analysis' | 'nextSteps') => cell.errors.filter((e) => e.field === field);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };
  const field = (name: 'analysis' | 'nextSteps') => {
    const errors = errorOf(name);
    return (
      <label className="form-field">
        <span>{t(`report.grid.commentary.${name}`)}</span>
        <textarea
          ref={name === 'analysis' ? first : undefined}
          rows={3}
          maxLength={4000}
          aria-label={t(`report.grid.commentary.${name}Label`, { cell: cell.key })}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={errors.length > 0 ? `${id}-${name}-error` : `${id}-hint`}
          value={cell.draft[name]}
          onChange={(event) => onEdit({ [name]: event.target.value })}
        />
        {errors.length > 0 && (
          <span className="form-error" id={`${id}-${name}-error`}>
            {errors.map((error) => problemText(t, error)).join(' ')}
          </span>
        )}
      </label>
    );
  };
  return (
    <fieldset
      id={id}
      className="report-commentary"
      data-cell={cell.key}
      aria-describedby={`${id}-hint`}
      onKeyDown={onKeyDown}
    >
      <legend>
        {t('report.grid.commentary.title', { code: cell.code, period: formatPeriod(cell.period, t) })}
      </legend>
      <p className="form-hint" id={`${id}-hint`}>
        {t('report.grid.commentary.hint')} {t('report.grid.commentary.cancelHint')}
      </p>
      <div className="report-commentary-fields">
        {field('analysis')}
        {field('nextSteps')}
      </div>
      <div className="report-commentary-actions">
        <label className="form-check">
          <input
            type="checkbox"
            checked={cell.draft.commentaryPublic}
            onChange={(event) => onEdit({ commentaryPublic: event.target.checked })}
          />
          <span>{t('report.grid.commentary.public')}</span>
        </label>
        <button
          type="button"
          className="link-button"
          aria-label={t('report.grid.commentary.cancelLabel', { cell: cell.key })}
          onClick={onCancel}
        >
          {t('report.grid.commentary.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
