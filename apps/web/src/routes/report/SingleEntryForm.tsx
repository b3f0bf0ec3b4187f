import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import { errorText, problemText } from '../../format/problems';
import { useTRPC } from '../../trpc';
import { parseTypedValue } from './cells';
import type { EntryError, ReportIndicator } from './types';

type Field = EntryError['field'];

/** One value for one period, with `reports.submit`: the simple way, for a single correction. */
export function SingleEntryForm({
  year,
  indicators,
}: {
  year: number;
  indicators: readonly ReportIndicator[];
}) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(indicators[0]?.code ?? '');
  const indicator = indicators.find((i) => i.code === code) ?? indicators[0];
  const periods = indicator?.periods.filter((p) => p.state !== 'not_ended') ?? [];
  const [period, setPeriod] = useState('');
  const chosenPeriod = periods.some((p) => p.period === period) ? period : (periods.at(-1)?.period ?? '');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [evidenceUrl, setEvidenceUrl] = useState('');
  const [analysis, setAnalysis] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [commentaryPublic, setCommentaryPublic] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = useMutation(trpc.reports.submit.mutationOptions());

  const send = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setFailure(null);
    const number = parseTypedValue(value);
    if (!indicator || number === null) {
      setErrors({ value: t('report.grid.notNumber') });
      return;
    }
    setErrors({});
    submit.mutate(
      {
        year,
        code: indicator.code,
        period: chosenPeriod,
        value: number,
        note: note.trim() || null,
        evidenceUrl: evidenceUrl.trim() || null,
        analysis: analysis.trim() || null,
        nextSteps: nextSteps.trim() || null,
        commentaryPublic,
      },
      {
        onSuccess: async () => {
          setDone(
            t('report.single.submitted', {
              indicator: indicator.code,
              period: formatPeriod(chosenPeriod, t),
            }),
          );
          setValue('');
          setNote('');
          setEvidenceUrl('');
          setAnalysis('');
          setNextSteps('');
          setCommentaryPublic(false);
          await queryClient.invalidateQueries();
        },
        onError: (error) => {
          const refused = error.data?.entryErrors;
          if (refused && refused.length > 0) {
            setErrors(Object.fromEntries(refused.map((e) => [e.field, problemText(t, e)])));
            setFailure(t('report.changes.refused'));
          } else if (error.data?.code === 'FORBIDDEN') {
            setFailure(t('report.changes.forbidden'));
          } else {
            setFailure(t('report.changes.failed', { message: errorText(t, error) }));
          }
        },
      },
    );
  };

  const fieldError = (field: Field) =>
    errors[field] ? (
      <span className="form-error" id={`report-single-${field}-error`}>
        <strong>{t(`report.grid.fieldError.${field}`)}</strong> {errors[field]}
      </span>
    ) : null;
  const describedBy = (field: Field) => (errors[field] ? `report-single-${field}-error` : undefined);

  return (
    <form className="report-single" onSubmit={send} noValidate>
      <label className="form-field">
        <span>{t('report.single.indicator')}</span>
        <select value={indicator?.code ?? ''} onChange={(event) => setCode(event.target.value)}>
          {indicators.map((i) => (
            <option key={i.code} value={i.code}>
              {i.code} {i.name[language]}
            </option>
          ))}
        </select>
        {fieldError('code')}
      </label>
      <label className="form-field">
        <span>{t('report.single.period')}</span>
        <select
          value={chosenPeriod}
          onChange={(event) => setPeriod(event.target.value)}
          aria-describedby={describedBy('period')}
        >
          {periods.map((p) => (
            <option key={p.period} value={p.period}>
              {formatPeriod(p.period, t)} · {t(`report.state.${p.state}`)}
            </option>
          ))}
        </select>
        {fieldError('period')}
      </label>
      <label className="form-field">
        <span>
          {t('report.single.value')}
          {indicator && ` (${t(`units.${indicator.unit}`, { defaultValue: indicator.unit })})`}
        </span>
        <input
          inputMode="decimal"
          autoComplete="off"
          value={value}
          required
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={errors.value ? true : undefined}
          aria-describedby={describedBy('value')}
        />
        {fieldError('value')}
      </label>
      <label className="form-field">
        <span>{t('report.single.note')}</span>
        <input
          value={note}
          maxLength={1000}
          onChange={(event) => setNote(event.target.value)}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={describedBy('note')}
        />
        {fieldError('note')}
      </label>
      <label className="form-field">
        <span>{t('report.single.evidenceUrl')}</span>
        <input
          type="url"
          placeholder="https://"
          value={evidenceUrl}
          maxLength={2000}
          onChange={(event) => setEvidenceUrl(event.target.value)}
          aria-invalid={errors.evidenceUrl ? true : undefined}
          aria-describedby={describedBy('evidenceUrl')}
        />
        {fieldError('evidenceUrl')}
      </label>
      <p className="form-hint">{t('report.single.commentaryHint')}</p>
      <label className="form-field">
        <span>{t('report.single.analysis')}</span>
        <textarea
          value={analysis}
          maxLength={4000}
          rows={3}
          onChange={(event) => setAnalysis(event.target.value)}
          aria-invalid={errors.analysis ? true : undefined}
          aria-describedby={describedBy('analysis')}
        />
        {fieldError('analysis')}
      </label>
      <label className="form-field">
        <span>{t('report.single.nextSteps')}</span>
        <textarea
          value={nextSteps}
          maxLength={4000}
          rows={3}
          onChange={(event) => setNextSteps(event.target.value)}
          aria-invalid={errors.nextSteps ? true : undefined}
          aria-describedby={describedBy('nextSteps')}
        />
        {fieldError('nextSteps')}
      </label>
      <label className="form-check">
        <input
          type="checkbox"
          checked={commentaryPublic}
          onChange={(event) => setCommentaryPublic(event.target.checked)}
        />
        <span>{t('report.single.commentaryPublic')}</span>
      </label>
      <div className="report-actions">
        <button type="submit" className="primary" disabled={submit.isPending || !indicator}>
          {submit.isPending ? t('report.changes.submitting') : t('report.single.submit')}
        </button>
      </div>
      {done && (
        <p className="report-outcome report-outcome-ok" role="status">
          <span aria-hidden="true">✓ </span>
          {done}
        </p>
      )}
      {failure && (
        <p className="report-outcome report-outcome-refused" role="alert">
          <span aria-hidden="true">✗ </span>
          {failure}
        </p>
      )}
    </form>
  );
}
