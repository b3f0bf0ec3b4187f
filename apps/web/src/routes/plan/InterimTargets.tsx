import { useLanguage } from '../../format/language';
import { Field } from './Field';
import type { FieldProblem } from './usePlanEdit';

type ProblemsOf = (field: string) => FieldProblem[];
export interface InterimRow {
  period: string;
  value: string;
}

/** An indicator's interim targets as typed: a period and a target to date each, added and removed freely. */
export function InterimTargets({
  interims,
  onChange,
  locked,
  problemsOf,
}: {
  interims: InterimRow[];
  onChange: (interims: InterimRow[]) => void;
  /** A confirmed plan's targets change by revision only. */
  locked: boolean;
  problemsOf: ProblemsOf;
}) {
  const { t } = useLanguage();
  return (
    <fieldset className="plan-interims" disabled={locked}>
      <legend>{t('plan.indicator.interimTargets')}</legend>
      {interims.map((interim, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the rows have no identity but their place while typed.
        <div className="plan-interim" key={i} data-interim={i}>
          <Field
            label={t('plan.indicator.interimPeriod')}
            problems={problemsOf(`interimTargets.${i}.period`)}
          >
            {(props) => (
              <input
                {...props}
                value={interim.period}
                onChange={(e) =>
                  onChange(interims.map((x, j) => (j === i ? { ...x, period: e.target.value } : x)))
                }
              />
            )}
          </Field>
          <Field label={t('plan.indicator.interimValue')} problems={problemsOf(`interimTargets.${i}.value`)}>
            {(props) => (
              <input
                {...props}
                inputMode="decimal"
                value={interim.value}
                onChange={(e) =>
                  onChange(interims.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))
                }
              />
            )}
          </Field>
          <button
            type="button"
            className="link-button"
            aria-label={t('plan.indicator.removeInterim', { period: interim.period || i + 1 })}
            onClick={() => onChange(interims.filter((_, j) => j !== i))}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...interims, { period: '', value: '' }])}>
        {t('plan.indicator.addInterim')}
      </button>
    </fieldset>
  );
}
