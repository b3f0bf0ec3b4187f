import { type FormEvent, useState } from 'react';
import { useLanguage } from '../../format/language';
import { Field } from './Field';
import { FormEnd } from './FormEnd';
import { usePlanEdit } from './usePlanEdit';

export type ThingLevel = 'sector' | 'strategy' | 'project' | 'milestone';

/** What a thing of a level holds besides its code, as the outline gives it and the operations take it. */
export interface ThingFields {
  name: { ko: string; en: string };
  goal?: { ko: string; en: string };
  department?: string;
  plannedDate?: string;
  weight?: number;
  source?: string;
}

const PARENT = { sector: null, strategy: 'sector', project: 'strategy', milestone: 'project' } as const;

/** A sector, strategy, project or milestone: created under its parent, or edited (its code never changes). */
export function ThingForm({
  year,
  level,
  parent,
  code: existing,
  initial,
  proposes,
  departments,
  onDone,
}: {
  year: number;
  level: ThingLevel;
  parent?: string;
  code?: string;
  initial?: ThingFields;
  proposes: boolean;
  departments: string[];
  onDone: (message: string) => void;
}) {
  const { t } = useLanguage();
  const edit = usePlanEdit({ proposes });
  const [code, setCode] = useState(existing ?? '');
  const [name, setName] = useState(initial?.name ?? { ko: '', en: '' });
  const [goal, setGoal] = useState(initial?.goal ?? { ko: '', en: '' });
  const [department, setDepartment] = useState(initial?.department ?? '');
  const [plannedDate, setPlannedDate] = useState(initial?.plannedDate ?? '');
  const [weight, setWeight] = useState(String(initial?.weight ?? 1));
  const [source, setSource] = useState(initial?.source ?? '');
  const [reason, setReason] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = {
      name,
      ...(level === 'sector' ? { goal } : {}),
      ...(level === 'project' || level === 'milestone' ? { department } : {}),
      ...(level === 'milestone' ? { plannedDate, weight: Number(weight), source } : {}),
    };
    const parentKey = PARENT[level];
    const input =
      existing === undefined
        ? { year, code, ...(parentKey ? { [parentKey]: parent ?? '' } : {}), ...fields }
        : { year, code: existing, ...fields };
    const operation =
      `${existing === undefined ? 'create' : 'edit'}${level[0]?.toUpperCase()}${level.slice(1)}` as const;
    // The operation's input is built from the level's own fields above; the server checks it with zod.
    const done = await edit.run(operation as 'createSector', input as never, reason);
    if (done) onDone(proposes ? t('plan.proposed') : t('plan.saved'));
  }

  const bilingual = (
    field: string,
    value: { ko: string; en: string },
    set: (v: { ko: string; en: string }) => void,
    ko: string,
    en: string,
  ) => (
    <>
      <Field label={ko} problems={edit.problemsOf(`${field}.ko`)}>
        {(props) => (
          <input {...props} value={value.ko} onChange={(e) => set({ ...value, ko: e.target.value })} />
        )}
      </Field>
      <Field label={en} problems={edit.problemsOf(`${field}.en`)}>
        {(props) => (
          <input {...props} value={value.en} onChange={(e) => set({ ...value, en: e.target.value })} />
        )}
      </Field>
    </>
  );

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
        {bilingual('name', name, setName, t('plan.nameKo'), t('plan.nameEn'))}
        {level === 'sector' && bilingual('goal', goal, setGoal, t('plan.goalKo'), t('plan.goalEn'))}
        {(level === 'project' || level === 'milestone') && (
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
        )}
        {level === 'milestone' && (
          <>
            <Field label={t('plan.milestone.plannedDate')} problems={edit.problemsOf('plannedDate')}>
              {(props) => (
                <input
                  {...props}
                  type="date"
                  value={plannedDate}
                  onChange={(e) => setPlannedDate(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('plan.milestone.weight')} problems={edit.problemsOf('weight')}>
              {(props) => (
                <input
                  {...props}
                  inputMode="decimal"
                  value={weight}
                  onChange={(e) => setWeight(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('plan.source')} problems={edit.problemsOf('source')}>
              {(props) => <input {...props} value={source} onChange={(e) => setSource(e.target.value)} />}
            </Field>
          </>
        )}
        {proposes && (
          <Field label={t('plan.reason')}>
            {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        )}
      </div>
      <FormEnd working={edit.working} failure={edit.failure} onCancel={() => onDone('')} />
    </form>
  );
}
