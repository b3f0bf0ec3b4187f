import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLanguage } from '../../format/language';
import { type RouterOutputs, useTRPCClient } from '../../trpc';
import { AmbitionNote } from './AmbitionNote';
import { Field } from './Field';
import { FormEnd } from './FormEnd';
import { usePlanEdit } from './usePlanEdit';

type Fields =
  RouterOutputs['planEditor']['outline']['sectors'][number]['strategies'][number]['projects'][number]['indicators'][number]['fields'];

/** A proposed revision of one of a confirmed plan's targets: the period, the new value, and why. */
export function RevisionForm({
  year,
  code,
  fields,
  onDone,
}: {
  year: number;
  code: string;
  fields: Fields;
  onDone: (message: string) => void;
}) {
  const { t } = useLanguage();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const edit = usePlanEdit({ proposes: true });
  const [period, setPeriod] = useState(String(year));
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [working, setWorking] = useState(false);
  const current =
    period === String(year)
      ? fields.annualTarget
      : fields.interimTargets.find((i) => i.period === period)?.value;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setWorking(true);
    try {
      await client.planEditor.proposeRevision.mutate({ year, code, period, value: Number(value), reason });
      await queryClient.invalidateQueries();
      onDone(t('plan.revision.done'));
    } catch (error) {
      edit.fail(error);
    } finally {
      setWorking(false);
    }
  }

  return (
    <form className="plan-form" onSubmit={submit} noValidate aria-label={t('plan.revision.title', { code })}>
      <div className="plan-form-grid">
        <Field label={t('plan.revision.period', { year })} problems={edit.problemsOf('period')}>
          {(props) => (
            <select {...props} value={period} onChange={(e) => setPeriod(e.target.value)}>
              <option value={String(year)}>{year}</option>
              {fields.interimTargets.map((i) => (
                <option key={i.period} value={i.period}>
                  {i.period}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('plan.revision.value')} problems={edit.problemsOf('value')}>
          {(props) => (
            <input {...props} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
          )}
        </Field>
        <Field label={t('plan.reason')} problems={edit.problemsOf('reason')}>
          {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </div>
      {current !== undefined && <p className="muted">{t('plan.revision.current', { value: current })}</p>}
      {period === String(year) && fields.aggregation !== 'milestones' && (
        <AmbitionNote year={year} code={code} target={value} unit={fields.unit} />
      )}
      <FormEnd working={working} failure={edit.failure} onCancel={() => onDone('')} />
    </form>
  );
}
