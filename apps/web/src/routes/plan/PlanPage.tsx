import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/useSession';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { formatMoment } from '../../format/moments';
import { useTRPC, useTRPCClient } from '../../trpc';
import { useView } from '../../view/useView';
import { useDepartments } from '../account/useDepartments';
import { CopyForward } from './CopyForward';
import { Field } from './Field';
import { FormEnd } from './FormEnd';
import { LeastAmbitious } from './LeastAmbitious';
import { OutlineTree } from './OutlineTree';
import { PlanDecisions } from './PlanDecisions';
import { usePlanEdit } from './usePlanEdit';
import { PlanWorkbook } from './workbook/PlanWorkbook';
import './plan.css';

/**
 * The plan editor: the planning office (approver) and administrators edit the plan, start a year's
 * draft, confirm it (확정) and decide what waits; a bureau head proposes changes and target
 * revisions for their own department. The year edited is `?plan=`, apart from the view's year,
 * since a draft is no year of the other screens.
 */
export default function PlanPage() {
  const { t } = useLanguage();
  const session = useSession();
  const { view } = useView();
  const [params, setParams] = useSearchParams();
  const user = session.data?.user;
  if (session.isPending) return <QueryState query={session}>{() => null}</QueryState>;
  if (!user || !['approver', 'admin', 'bureau_head'].includes(user.role)) {
    return (
      <section className="plan-page" aria-labelledby="plan-title">
        <h1 id="plan-title">{t('plan.title')}</h1>
        <div className="approvals-only" role="note">
          <h2>{t('plan.onlyTitle')}</h2>
          <p>{t('plan.onlyBody', { role: user ? t(`auth.role.${user.role}`) : '–' })}</p>
        </div>
      </section>
    );
  }
  const planOffice = user.role !== 'bureau_head';
  const year = Number(params.get('plan')) || view?.year;
  const openYear = (next: number) =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      updated.set('plan', String(next));
      return updated;
    });
  return (
    <section className="plan-page" aria-labelledby="plan-title">
      <header>
        <h1 id="plan-title">{t('plan.title')}</h1>
        <p className="muted">{planOffice ? t('plan.intro') : t('plan.proposerIntro')}</p>
      </header>
      <YearPicker key={year} year={year} onOpen={openYear} />
      {planOffice && <NewPlanForm onCreated={openYear} />}
      {planOffice && year !== undefined && <CopyForward year={year} onCopied={openYear} />}
      {year !== undefined && <PlanOutline year={year} planOffice={planOffice} />}
    </section>
  );
}

/** The organisation's plan years, drafts marked, and a year typed to open (a year without a plan says so). */
function YearPicker({ year, onOpen }: { year: number | undefined; onOpen: (year: number) => void }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const years = useQuery(trpc.plan.years.queryOptions());
  const [text, setText] = useState(year ? String(year) : '');
  const drafts = years.data?.drafts ?? [];
  const all = [...new Set([...(years.data?.years ?? []), ...drafts])].sort();
  return (
    <div className="plan-year">
      <ul className="plan-years" aria-label={t('plan.year')}>
        {all.map((y) => (
          <li key={y}>
            <button type="button" aria-pressed={y === year} onClick={() => onOpen(y)}>
              {y}
              {drafts.includes(y) && <span className="plan-badge plan-badge-draft">{t('plan.draft')}</span>}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (Number(text) > 0) onOpen(Number(text));
        }}
      >
        <label>
          {t('plan.year')}{' '}
          <input inputMode="numeric" size={6} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit">{t('plan.open')}</button>
      </form>
    </div>
  );
}

function NewPlanForm({ onCreated }: { onCreated: (year: number) => void }) {
  const { t } = useLanguage();
  const client = useTRPCClient();
  const edit = usePlanEdit({ proposes: false });
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState('');
  const [name, setName] = useState({ ko: '', en: '' });
  const [goal, setGoal] = useState({ ko: '', en: '' });
  const [source, setSource] = useState('');
  const [working, setWorking] = useState(false);
  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          {t('plan.newPlan')}
        </button>
      </p>
    );
  async function submit(event: FormEvent) {
    event.preventDefault();
    setWorking(true);
    try {
      await client.planEditor.createPlan.mutate({ year: Number(year), name, coreGoal: goal, source });
      setOpen(false);
      onCreated(Number(year));
    } catch (error) {
      edit.fail(error);
    } finally {
      setWorking(false);
    }
  }
  const input = (field: string, label: string, value: string, set: (v: string) => void) => (
    <Field label={label} problems={edit.problemsOf(field)}>
      {(props) => <input {...props} value={value} onChange={(e) => set(e.target.value)} />}
    </Field>
  );
  return (
    <form className="plan-form" onSubmit={submit} aria-label={t('plan.newPlan')} noValidate>
      <h2>{t('plan.newPlan')}</h2>
      <div className="plan-form-grid">
        {input('year', t('plan.newPlanYear'), year, setYear)}
        {input('name.ko', t('plan.nameKo'), name.ko, (ko) => setName({ ...name, ko }))}
        {input('name.en', t('plan.nameEn'), name.en, (en) => setName({ ...name, en }))}
        {input('coreGoal.ko', t('plan.coreGoalKo'), goal.ko, (ko) => setGoal({ ...goal, ko }))}
        {input('coreGoal.en', t('plan.coreGoalEn'), goal.en, (en) => setGoal({ ...goal, en }))}
        {input('source', t('plan.source'), source, setSource)}
      </div>
      <FormEnd working={working} failure={edit.failure} onCancel={() => setOpen(false)} />
    </form>
  );
}

function PlanOutline({ year, planOffice }: { year: number; planOffice: boolean }) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const outline = useQuery({ ...trpc.planEditor.outline.queryOptions({ year }), retry: false });
  const departments = useDepartments().map((d) => d.code);
  const [message, setMessage] = useState<string | null>(null);
  const confirm = usePlanEdit({ proposes: false });

  async function confirmPlan() {
    try {
      await client.planEditor.confirm.mutate({ year });
      await queryClient.invalidateQueries();
      setMessage(t('plan.confirmedDone', { year }));
    } catch (error) {
      confirm.fail(error);
    }
  }

  if (outline.isError && outline.error.data?.code === 'NOT_FOUND')
    return <p className="state state-empty">{t('plan.noPlan', { year })}</p>;
  return (
    <QueryState query={outline}>
      {(plan) => (
        <>
          <div className="plan-status" data-status={plan.status}>
            <h2>
              {plan.name[language]}{' '}
              <span className={`plan-badge plan-badge-${plan.status}`}>
                {plan.status === 'draft' ? t('plan.draft') : t('plan.confirmed')}
              </span>
            </h2>
            {plan.confirmedAt && (
              <p className="muted">
                {t('plan.confirmedAt', { date: formatMoment(plan.confirmedAt, language) })}
              </p>
            )}
            {planOffice && plan.status === 'draft' && (
              <p>
                <button type="button" className="primary" onClick={confirmPlan}>
                  {t('plan.confirm')}
                </button>{' '}
                <span className="muted">{t('plan.confirmHint')}</span>
              </p>
            )}
            {confirm.failure && (
              <p className="plan-form-failure" role="alert">
                {confirm.failure}
              </p>
            )}
          </div>
          <p className="plan-message" role="status">
            {message}
          </p>
          {planOffice && <PlanDecisions outline={plan} onMessage={setMessage} />}
          <PlanWorkbook year={year} planOffice={planOffice} />
          <OutlineTree
            outline={plan}
            proposes={!planOffice}
            departments={departments}
            onMessage={setMessage}
          />
          {planOffice && <LeastAmbitious year={year} />}
        </>
      )}
    </QueryState>
  );
}
