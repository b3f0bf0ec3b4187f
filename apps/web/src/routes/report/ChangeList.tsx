import { useLanguage } from '../../format/language';
import { formatPeriod, formatValue } from '../../format/numbers';
import { problemText } from '../../format/problems';
import { parseTypedValue } from './cells';
import type { EntryError } from './types';

export interface Draft {
  value: string;
  note: string;
  evidenceUrl: string;
  /** The commentary (원인 분석, 향후 대책), written when the server asks for it (CommentaryRow). */
  analysis: string;
  nextSteps: string;
  commentaryPublic: boolean;
}

export interface Change {
  key: string;
  code: string;
  name: string;
  unit: string;
  period: string;
  draft: Draft;
}

/** The cells changed so far, each with its optional note and evidence link, before they are submitted together. */
export function ChangeList({
  changes,
  errors,
  onEdit,
  onRemove,
}: {
  changes: readonly Change[];
  errors: Record<string, EntryError[]>;
  onEdit: (key: string, patch: Partial<Draft>) => void;
  onRemove: (key: string) => void;
}) {
  const { t, language } = useLanguage();
  if (changes.length === 0) return <p className="muted report-changes-none">{t('report.changes.none')}</p>;
  return (
    <ul className="report-changes">
      {changes.map((change) => {
        const textErrors = (errors[change.key] ?? []).filter(
          (e) => e.field === 'note' || e.field === 'evidenceUrl',
        );
        const invalid = (field: EntryError['field']) =>
          textErrors.some((e) => e.field === field) || undefined;
        const typed = parseTypedValue(change.draft.value);
        return (
          <li key={change.key} className="report-change" data-cell={change.key}>
            <div className="report-change-head">
              <span className="code">{change.code}</span> {change.name} · {formatPeriod(change.period, t)}
              <span className="report-change-value">
                {t('report.changes.value')}:{' '}
                <strong>
                  {typed === null ? change.draft.value : formatValue(typed, change.unit, language, t)}
                </strong>
              </span>
              <button
                type="button"
                className="link-button"
                aria-label={t('report.changes.removeLabel', { cell: change.key })}
                onClick={() => onRemove(change.key)}
              >
                {t('report.changes.remove')}
              </button>
            </div>
            <div className="report-change-fields">
              <label className="form-field">
                <span>{t('report.changes.note')}</span>
                <input
                  aria-label={t('report.changes.noteLabel', { cell: change.key })}
                  aria-invalid={invalid('note')}
                  value={change.draft.note}
                  maxLength={1000}
                  onChange={(event) => onEdit(change.key, { note: event.target.value })}
                />
              </label>
              <label className="form-field">
                <span>{t('report.changes.evidenceUrl')}</span>
                <input
                  type="url"
                  aria-label={t('report.changes.evidenceLabel', { cell: change.key })}
                  aria-invalid={invalid('evidenceUrl')}
                  placeholder="https://"
                  value={change.draft.evidenceUrl}
                  maxLength={2000}
                  onChange={(event) => onEdit(change.key, { evidenceUrl: event.target.value })}
                />
              </label>
            </div>
            {textErrors.map((error) => (
              <p key={`${error.field} ${error.message}`} className="form-error">
                <strong>{t(`report.grid.fieldError.${error.field}`)}</strong> {problemText(t, error)}
              </p>
            ))}
          </li>
        );
      })}
    </ul>
  );
}
