import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/useSession';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { useTRPC } from '../../trpc';
import { usePaging } from '../../view/usePaging';
import { useView } from '../../view/useView';
import { MilestoneDates } from './MilestoneDates';
import { ReportGrid } from './ReportGrid';
import { ReportSummary } from './ReportSummary';
import { SingleEntryForm } from './SingleEntryForm';
import './report.css';

/**
 * A bureau head reports their department's actuals (an administrator chooses any department,
 * kept in the URL as `?department=`). Everyone else is told they cannot report; the server refuses anyway.
 */
export default function ReportPage() {
  const { t } = useLanguage();
  const session = useSession();
  const { view, yearsQuery } = useView();
  const [params, setParams] = useSearchParams();
  const user = session.data?.user;
  if (session.isPending) return <QueryState query={session}>{() => null}</QueryState>;
  if (!user || (user.role !== 'bureau_head' && user.role !== 'admin')) {
    return (
      <section className="report-page" aria-labelledby="report-title">
        <h1 id="report-title">{t('report.title')}</h1>
        <div className="report-cannot" role="note">
          <h2>
            <span aria-hidden="true">⊘ </span>
            {t('report.cannotTitle')}
          </h2>
          <p>{t('report.cannotBody', { role: user ? t(`auth.role.${user.role}`) : '–' })}</p>
        </div>
      </section>
    );
  }
  if (!view) {
    return (
      <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
        {() => <p className="state">{t('state.loading')}</p>}
      </QueryState>
    );
  }
  const isAdmin = user.role === 'admin';
  const department = isAdmin ? (params.get('department')?.toUpperCase() ?? null) : user.departmentCode;
  const choose = (code: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (code) next.set('department', code);
      else next.delete('department');
      return next;
    });
  return (
    <section className="report-page" aria-labelledby="report-title">
      <header className="page-header report-header">
        <div>
          <h1 id="report-title">{t('report.title')}</h1>
          <p className="muted">{t('report.intro')}</p>
        </div>
        {isAdmin && <DepartmentSelect year={view.year} value={department} onChange={choose} />}
      </header>
      {department ? (
        <ReportContent year={view.year} department={department} />
      ) : (
        <p className="state">{t('report.chooseDepartmentHint')}</p>
      )}
    </section>
  );
}

function DepartmentSelect({
  year,
  value,
  onChange,
}: {
  year: number;
  value: string | null;
  onChange: (code: string) => void;
}) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const departments = useQuery(trpc.departments.list.queryOptions({ year }));
  return (
    <label className="form-field report-department">
      <span>{t('report.department')}</span>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('report.chooseDepartment')}</option>
        {departments.data?.map((d) => (
          <option key={d.code} value={d.code}>
            {d.name[language]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Indicators per page of the grid. */
const LIMIT = 50;

function ReportContent({ year, department }: { year: number; department: string }) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const paging = usePaging({});
  const status = useQuery(
    trpc.reports.status.queryOptions(
      { year, department, page: paging.page, limit: LIMIT },
      { placeholderData: (previous) => (previous?.department === department ? previous : undefined) },
    ),
  );
  return (
    <QueryState query={status}>
      {(data) => {
        const name = data.indicators[0]?.department.name[language] ?? department;
        return (
          <>
            <h2 className="report-department-title">{t('report.departmentOf', { department: name })}</h2>
            {data.indicators.length === 0 ? (
              <p className="state state-empty">{t('report.noIndicators')}</p>
            ) : (
              <>
                <ReportSummary indicators={data.indicators} />
                <section className="panel" aria-labelledby="report-grid-title">
                  <h2 id="report-grid-title">{t('report.grid.title')}</h2>
                  <p className="muted">{t('report.grid.hint')}</p>
                  <ReportGrid year={year} departmentName={name} indicators={data.indicators} />
                  <Pager
                    page={paging.page}
                    limit={LIMIT}
                    total={data.total}
                    label={t('report.grid.pages')}
                    searchFor={paging.searchFor}
                  />
                </section>
                <section className="panel" aria-labelledby="report-single-title">
                  <h2 id="report-single-title">{t('report.single.title')}</h2>
                  <p className="muted">{t('report.single.hint')}</p>
                  <SingleEntryForm year={year} indicators={data.indicators} />
                </section>
              </>
            )}
            <section className="panel" aria-labelledby="report-milestones-title">
              <h2 id="report-milestones-title">{t('report.milestones.title')}</h2>
              <p className="muted">{t('report.milestones.hint')}</p>
              <MilestoneDates year={year} department={department} />
            </section>
          </>
        );
      }}
    </QueryState>
  );
}
