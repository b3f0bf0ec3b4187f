import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLanguage } from '../../format/language';
import { errorText, type FailedRequest } from '../../format/problems';
import { useTRPC } from '../../trpc';
import { useDepartments } from '../account/useDepartments';
import { SectorSelect } from '../milestones/SectorSelect';

/** The planning office's or the mayor's staff's form: a directive as given at the meeting. */
export function RecordDirective({ year }: { year: number }) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const [form, setForm] = useState({
    meetingDate: '',
    meetingName: '',
    sector: '',
    project: '',
    indicator: '',
    content: '',
    dueDate: '',
  });
  const [chosen, setChosen] = useState<string[]>([]);
  // Kept as what happened, and said at each render: a switch of language says it again in the other.
  const [outcome, setOutcome] = useState<
    | { ok: true; id: number }
    | { ok: false; sectorRequired: true }
    | { ok: false; error: FailedRequest }
    | null
  >(null);
  const record = useMutation(trpc.directives.record.mutationOptions());
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value }),
  });
  const send = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    // Said here in the reader's words: the server's refusal of an empty field names it in code.
    if (!form.sector) {
      setOutcome({ ok: false, sectorRequired: true });
      return;
    }
    record.mutate(
      {
        year,
        meetingDate: form.meetingDate,
        meetingName: form.meetingName,
        sector: form.sector,
        ...(form.project.trim() ? { project: form.project.trim() } : {}),
        ...(form.indicator.trim() ? { indicator: form.indicator.trim() } : {}),
        content: form.content,
        departments: chosen,
        dueDate: form.dueDate,
      },
      {
        onSuccess: async ({ id }) => {
          setOutcome({ ok: true, id });
          setForm({ ...form, content: '', project: '', indicator: '' });
          setChosen([]);
          await queryClient.invalidateQueries();
        },
        onError: (error) => setOutcome({ ok: false, error }),
      },
    );
  };
  return (
    <details className="directive-record">
      <summary>{t('directives.record.title')}</summary>
      <form onSubmit={send} noValidate>
        <label className="form-field">
          <span>{t('directives.record.meetingDate')}</span>
          <input type="date" required {...field('meetingDate')} />
        </label>
        <label className="form-field">
          <span>{t('directives.record.meetingName')}</span>
          <input required maxLength={100} {...field('meetingName')} />
        </label>
        <SectorSelect
          year={year}
          value={form.sector}
          onChange={(sector) => setForm({ ...form, sector })}
          label={t('directives.sector')}
          allLabel="–"
        />
        <label className="form-field">
          <span>{t('directives.record.project')}</span>
          <input maxLength={32} {...field('project')} />
        </label>
        <label className="form-field">
          <span>{t('directives.record.indicator')}</span>
          <input maxLength={32} {...field('indicator')} />
        </label>
        <label className="form-field">
          <span>{t('directives.content')}</span>
          <textarea required rows={3} maxLength={4000} {...field('content')} />
        </label>
        <label className="form-field">
          <span>{t('directives.record.departments')}</span>
          <select
            multiple
            value={chosen}
            onChange={(event) => setChosen([...event.target.selectedOptions].map((o) => o.value))}
          >
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name[language]}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          <span>{t('directives.dueDate')}</span>
          <input type="date" required {...field('dueDate')} />
        </label>
        <button type="submit" className="primary" disabled={record.isPending}>
          {t('directives.record.submit')}
        </button>
        {outcome && (
          <p
            className={outcome.ok ? 'report-outcome report-outcome-ok' : 'form-error'}
            role={outcome.ok ? 'status' : 'alert'}
          >
            {outcome.ok
              ? t('directives.record.done', { id: outcome.id })
              : 'error' in outcome
                ? t('directives.failed', { message: errorText(t, outcome.error) })
                : t('directives.record.sectorRequired')}
          </p>
        )}
      </form>
    </details>
  );
}
