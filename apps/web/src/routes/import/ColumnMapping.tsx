import { type FormEvent, useId, useState } from 'react';
import { useLanguage } from '../../format/language';
import { looksLikePeriod } from './fileHeader';
import type { Mapping } from './importRequest';

type Layout = 'long' | 'wide';

/**
 * The column-mapping step, for a file whose columns are not the template's: which column holds the
 * indicator (codes or names), and either the period and value columns (long) or the period columns
 * (wide; those whose name reads as a period are ticked at first).
 */
export function ColumnMapping({
  header: cells,
  notValues,
  initial,
  busy,
  onApply,
}: {
  header: string[];
  /** Columns the server recognised as never holding values (합계, 연번, 단위, 비고). */
  notValues: string[];
  /** The mapping read with last (remembered or chosen), to start from. */
  initial: Mapping | null;
  busy: boolean;
  onApply: (mapping: Mapping) => void;
}) {
  const { t } = useLanguage();
  const id = useId();
  // Empty header cells (a merged title's leftovers) cannot be named; a name twice is one choice.
  const header = [...new Set(cells.map((c) => c.trim()).filter((c) => c !== ''))];
  const periodLike = header.filter(looksLikePeriod);
  const start = initial?.kind === 'template' ? null : initial;
  const [indicator, setIndicator] = useState(start?.indicator ?? '');
  const [indicatorBy, setIndicatorBy] = useState<'code' | 'name'>(start?.indicatorBy ?? 'code');
  const [layout, setLayout] = useState<Layout>(start?.kind ?? (periodLike.length > 1 ? 'wide' : 'long'));
  const [period, setPeriod] = useState(start?.kind === 'long' ? start.period : '');
  const [value, setValue] = useState(start?.kind === 'long' ? start.value : '');
  const [note, setNote] = useState(start?.kind === 'long' ? (start.note ?? '') : '');
  const [evidence, setEvidence] = useState(start?.kind === 'long' ? (start.evidence ?? '') : '');
  const [periodColumns, setPeriodColumns] = useState<string[]>(
    start?.kind === 'wide' ? (start.periodColumns ?? periodLike) : periodLike,
  );
  const [incomplete, setIncomplete] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (layout === 'long') {
      if (!indicator || !period || !value) {
        setIncomplete(t('import.mappingIncomplete', { what: t('import.mappingLongWhat') }));
        return;
      }
      setIncomplete(null);
      onApply({
        kind: 'long',
        indicator,
        indicatorBy,
        period,
        value,
        ...(note ? { note } : {}),
        ...(evidence ? { evidence } : {}),
        ...(start?.names ? { names: start.names } : {}),
      });
      return;
    }
    const chosen = periodColumns.filter((column) => column !== indicator);
    if (!indicator || chosen.length === 0) {
      setIncomplete(t('import.mappingIncomplete', { what: t('import.mappingWideWhat') }));
      return;
    }
    setIncomplete(null);
    onApply({
      kind: 'wide',
      indicator,
      indicatorBy,
      periodColumns: chosen,
      ...(start?.names ? { names: start.names } : {}),
    });
  };

  const select = (label: string, current: string, set: (next: string) => void, optional = false) => (
    <div className="import-field">
      <label htmlFor={`${id}-${label}`}>{label}</label>
      <select id={`${id}-${label}`} value={current} onChange={(event) => set(event.target.value)}>
        <option value="">{optional ? t('import.none') : t('import.choose')}</option>
        {header.map((column) => (
          <option key={column} value={column}>
            {column}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form className="import-mapping" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t('import.mappingTitle')}</h3>
      <p>{t('import.mappingIntro')}</p>
      <p className="muted">{t('import.mappingColumns', { columns: header.join(', ') })}</p>
      <div className="import-mapping-grid">
        {select(t('import.indicatorColumn'), indicator, setIndicator)}
        <fieldset className="import-choice">
          <legend>{t('import.indicatorBy')}</legend>
          <label>
            <input
              type="radio"
              name={`${id}-by`}
              checked={indicatorBy === 'code'}
              onChange={() => setIndicatorBy('code')}
            />{' '}
            {t('import.byCode')}
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-by`}
              checked={indicatorBy === 'name'}
              onChange={() => setIndicatorBy('name')}
            />{' '}
            {t('import.byName')}
          </label>
        </fieldset>
      </div>
      <fieldset className="import-choice">
        <legend>{t('import.layout')}</legend>
        <label>
          <input
            type="radio"
            name={`${id}-layout`}
            checked={layout === 'long'}
            onChange={() => setLayout('long')}
          />{' '}
          {t('import.layoutLong')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-layout`}
            checked={layout === 'wide'}
            onChange={() => setLayout('wide')}
          />{' '}
          {t('import.layoutWide')}
        </label>
      </fieldset>
      {layout === 'long' ? (
        <div className="import-mapping-grid">
          {select(t('import.periodColumn'), period, setPeriod)}
          {select(t('import.valueColumn'), value, setValue)}
          {select(t('import.noteColumn'), note, setNote, true)}
          {select(t('import.evidenceColumn'), evidence, setEvidence, true)}
        </div>
      ) : (
        <fieldset className="import-choice import-period-columns">
          <legend>{t('import.periodColumns')}</legend>
          <p className="muted">{t('import.periodColumnsHint')}</p>
          <div className="import-period-list">
            {header
              .filter((column) => column !== indicator && !notValues.includes(column))
              .map((column) => (
                <label key={column}>
                  <input
                    type="checkbox"
                    checked={periodColumns.includes(column)}
                    onChange={(event) =>
                      setPeriodColumns((current) =>
                        event.target.checked
                          ? [...current, column]
                          : current.filter((other) => other !== column),
                      )
                    }
                  />{' '}
                  {column}
                </label>
              ))}
          </div>
        </fieldset>
      )}
      {incomplete && (
        <p className="form-error" role="alert">
          {incomplete}
        </p>
      )}
      <button type="submit" className="import-button" disabled={busy}>
        {t('import.applyMapping')}
      </button>
    </form>
  );
}
