import { type FormEvent, useState } from 'react';
import { useLanguage } from '../../format/language';
import type { RouterOutputs } from '../../trpc';
import { AmbitionNote } from './AmbitionNote';
import { BilingualText, Field } from './Field';
import { FormEnd } from './FormEnd';
import { InterimTargets } from './InterimTargets';
import { usePlanEdit } from './usePlanEdit';

type Outline = RouterOutputs['planEditor']['outline'];
export type IndicatorFields =
  Outline['sectors'][number]['strategies'][number]['projects'][number]['indicators'][number]['fields'];

const EMPTY: IndicatorFields = {
  name: { ko: '', en: '' },
  department: '',
  unit: 'count',
  direction: 'increase',
  aggregation: 'sum',
  frequency: 'monthly',
  baseline: null,
  annualTarget: 0,
  interimTargets: [],
  thresholds: null,
  weight: 1,
  headline: false,
  source: '',
  definition: null,
  formula: null,
  dataSource: null,
};

/** A number typed in a field: empty is null; anything else that is not a number is NaN, which the server refuses. */
const numberOf = (text: string) => (text.trim() === '' ? null : Number(text));
const textOf = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);
const pairOrNull = (ko: string, en: string) => (ko.trim() === '' && en.trim() === '' ? null : { ko, en });

/**
 * Every field of an indicator (names, unit, direction, aggregation, frequency, baseline and its
 * year, annual and interim targets, thresholds, weight, headline, department, source, definition,
 * formula and data source), for a new indicator of a project or an existing one. A confirmed plan's
 * targets are shown but not edited here: they change by a revision.
 */
export function IndicatorForm({
  year,
  project,
  code: existing,
  initial,
  confirmed,
  proposes,
  departments,
  onDone,
}: {
  year: number;
  project?: string;
  code?: string;
  initial?: IndicatorFields;
  confirmed: boolean;
  proposes: boolean;
  departments: string[];
  onDone: (message: string) => void;
}) {
  const { t } = useLanguage();
  const edit = usePlanEdit({ proposes });
  const start = initial ?? EMPTY;
  const [code, setCode] = useState(existing ?? '');
  const [nameKo, setNameKo] = useState(start.name.ko);
  const [nameEn, setNameEn] = useState(start.name.en);
  const [department, setDepartment] = useState(start.department);
  const [unit, setUnit] = useState(start.unit);
  const [direction, setDirection] = useState(start.direction);
  const [aggregation, setAggregation] = useState(start.aggregation);
  const [frequency, setFrequency] = useState(start.frequency);
  const [baseline, setBaseline] = useState(textOf(start.baseline?.value));
  const [baselineYear, setBaselineYear] = useState(textOf(start.baseline?.year));
  const [annualTarget, setAnnualTarget] = useState(initial ? String(start.annualTarget) : '');
  const [interims, setInterims] = useState(
    start.interimTargets.map((i) => ({ period: i.period, value: String(i.value) })),
  );
  const [onTrack, setOnTrack] = useState(textOf(start.thresholds?.onTrack));
  const [atRisk, setAtRisk] = useState(textOf(start.thresholds?.atRisk));
  const [weight, setWeight] = useState(String(start.weight));
  const [headline, setHeadline] = useState(start.headline);
  const [source, setSource] = useState(start.source);
  const [definition, setDefinition] = useState({
    ko: start.definition?.ko ?? '',
    en: start.definition?.en ?? '',
  });
  const [formula, setFormula] = useState({ ko: start.formula?.ko ?? '', en: start.formula?.en ?? '' });
  const [dataSource, setDataSource] = useState({
    ko: start.dataSource?.ko ?? '',
    en: start.dataSource?.en ?? '',
  });
  const [reason, setReason] = useState('');
  const targetsLocked = confirmed && existing !== undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const baselineValue = numberOf(baseline);
    const onTrackValue = numberOf(onTrack);
    const atRiskValue = numberOf(atRisk);
    const fields = {
      name: { ko: nameKo, en: nameEn },
      department,
      unit,
      direction,
      aggregation,
      frequency,
      baseline: baselineValue === null ? null : { value: baselineValue, year: numberOf(baselineYear) },
      thresholds:
        onTrackValue === null || atRiskValue === null ? null : { onTrack: onTrackValue, atRisk: atRiskValue },
      weight: Number(weight),
      headline,
      source,
      definition: pairOrNull(definition.ko, definition.en),
      formula: pairOrNull(formula.ko, formula.en),
      dataSource: pairOrNull(dataSource.ko, dataSource.en),
    };
    const targets = {
      annualTarget: Number(annualTarget),
      interimTargets: interims.map((i) => ({ period: i.period, value: Number(i.value) })),
    };
    const done =
      existing === undefined
        ? await edit.run(
            'createIndicator',
            { year, project: project ?? '', code, ...fields, ...targets },
            reason,
          )
        : await edit.run(
            'editIndicator',
            { year, code: existing, ...fields, ...(targetsLocked ? {} : targets) },
            reason,
          );
    if (done) onDone(proposes ? t('plan.proposed') : t('plan.saved'));
  }

  return (
    <form className="plan-form" onSubmit={submit} noValidate>
      <div className="plan-form-grid">
        <Field label={t('plan.code')} problems={edit.problemsOf('code')}>
          {(props) => (
            <input
              {...props}
              value={code}
              disabled={existing !== undefined}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('plan.department')} problems={edit.problemsOf('department')}>
          {(props) => (
            <select {...props} value={department} onChange={(e) => setDepartment(e.target.value)}>
              <option value="">–</option>
              {departments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('plan.nameKo')} problems={edit.problemsOf('name.ko')}>
          {(props) => <input {...props} value={nameKo} onChange={(e) => setNameKo(e.target.value)} />}
        </Field>
        <Field label={t('plan.nameEn')} problems={edit.problemsOf('name.en')}>
          {(props) => <input {...props} value={nameEn} onChange={(e) => setNameEn(e.target.value)} />}
        </Field>
        <Field label={t('plan.indicator.unit')} problems={edit.problemsOf('unit')}>
          {(props) => <input {...props} value={unit} onChange={(e) => setUnit(e.target.value)} />}
        </Field>
        <Field label={t('plan.indicator.direction')} problems={edit.problemsOf('direction')}>
          {(props) => (
            <select
              {...props}
              value={direction}
              onChange={(e) => setDirection(e.target.value as typeof direction)}
            >
              {(['increase', 'decrease'] as const).map((d) => (
                <option key={d} value={d}>
                  {t(`plan.indicator.directions.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('plan.indicator.aggregation')} problems={edit.problemsOf('aggregation')}>
          {(props) => (
            <select
              {...props}
              value={aggregation}
              onChange={(e) => setAggregation(e.target.value as typeof aggregation)}
            >
              {(['sum', 'last', 'average', 'milestones'] as const).map((a) => (
                <option key={a} value={a}>
                  {t(`plan.indicator.aggregations.${a}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('plan.indicator.frequency')} problems={edit.problemsOf('frequency')}>
          {(props) => (
            <select
              {...props}
              value={frequency}
              onChange={(e) => setFrequency(e.target.value as typeof frequency)}
            >
              {(['monthly', 'quarterly', 'annual'] as const).map((f) => (
                <option key={f} value={f}>
                  {t(`plan.indicator.frequencies.${f}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('plan.indicator.baseline')} problems={edit.problemsOf('baseline.value')}>
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={baseline}
              onChange={(e) => setBaseline(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('plan.indicator.baselineYear')} problems={edit.problemsOf('baseline.year')}>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={baselineYear}
              onChange={(e) => setBaselineYear(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('plan.indicator.annualTarget')} problems={edit.problemsOf('annualTarget')}>
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={annualTarget}
              disabled={targetsLocked}
              onChange={(e) => setAnnualTarget(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('plan.indicator.weight')} problems={edit.problemsOf('weight')}>
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={weight}
              onChange={(e) => setWeight(e.target.value)}
            />
          )}
        </Field>
      </div>
      {targetsLocked && <p className="muted">{t('plan.indicator.targetsLocked')}</p>}
      {aggregation !== 'milestones' && (
        <AmbitionNote year={year} code={code.trim().toUpperCase()} target={annualTarget} unit={unit} />
      )}

      <InterimTargets
        interims={interims}
        onChange={setInterims}
        locked={targetsLocked}
        problemsOf={edit.problemsOf}
      />

      <fieldset className="plan-form-grid">
        <legend>{t('plan.indicator.thresholds')}</legend>
        <Field label={t('plan.indicator.onTrack')} problems={edit.problemsOf('thresholds.onTrack')}>
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={onTrack}
              onChange={(e) => setOnTrack(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('plan.indicator.atRisk')} problems={edit.problemsOf('thresholds.atRisk')}>
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={atRisk}
              onChange={(e) => setAtRisk(e.target.value)}
            />
          )}
        </Field>
      </fieldset>

      <div className="plan-form-grid">
        <div className="plan-field plan-check">
          <label>
            <input type="checkbox" checked={headline} onChange={(e) => setHeadline(e.target.checked)} />{' '}
            {t('plan.indicator.headline')}
          </label>
        </div>
        <Field label={t('plan.source')} problems={edit.problemsOf('source')}>
          {(props) => <input {...props} value={source} onChange={(e) => setSource(e.target.value)} />}
        </Field>
        <BilingualText
          labels={[t('plan.indicator.definitionKo'), t('plan.indicator.definitionEn')]}
          value={definition}
          onChange={setDefinition}
          problemsOf={edit.problemsOf}
          field="definition"
        />
        <BilingualText
          labels={[t('plan.indicator.formulaKo'), t('plan.indicator.formulaEn')]}
          value={formula}
          onChange={setFormula}
          problemsOf={edit.problemsOf}
          field="formula"
        />
        <BilingualText
          labels={[t('plan.indicator.dataSourceKo'), t('plan.indicator.dataSourceEn')]}
          value={dataSource}
          onChange={setDataSource}
          problemsOf={edit.problemsOf}
          field="dataSource"
        />
        {proposes && (
          <Field label={t('plan.reason')} problems={edit.problemsOf('reason')}>
            {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        )}
      </div>
      <FormEnd working={edit.working} failure={edit.failure} onCancel={() => onDone('')} />
    </form>
  );
}
