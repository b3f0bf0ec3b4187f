import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { exportFileName } from '../../components/ExportCsvButton';
import { IndicatorTable } from '../../components/IndicatorTable';
import { serverExport } from '../../components/ListExport';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ViewLink } from '../../components/ViewLink';
import { useLanguage } from '../../format/language';
import { formatPercent, formatPeriod } from '../../format/numbers';
import type { IndicatorRow, IndicatorSort, Status } from '../../trpc';
import { useTRPC } from '../../trpc';
import { usePaging } from '../../view/usePaging';
import { useView, type View } from '../../view/useView';
import { MilestoneTable } from '../milestones/MilestoneTable';
import { DepartmentReporting } from './DepartmentReporting';
import type { DepartmentDetail } from './types';
import './departments.css';

const STATUSES: Status[] = ['on_track', 'at_risk', 'off_track', 'no_data'];

/** One department: what it owns, what it has not reported yet, and its milestones. */
export default function DepartmentPage() {
  const { view, yearsQuery } = useView();
  const { code = '' } = useParams();
  const { t } = useLanguage();
  if (!view) {
    return (
      <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
        {() => <p className="state">{t('state.loading')}</p>}
      </QueryState>
    );
  }
  return <DepartmentContent view={view} code={code} />;
}

function DepartmentContent({ view, code }: { view: View; code: string }) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.departments.detail.queryOptions(
      { ...view, department: code },
      {
        placeholderData: (previous) =>
          previous?.department.code === code.toUpperCase() ? previous : undefined,
        // A department that does not exist will not appear by asking again.
        retry: (count, error) => error.data?.code !== 'NOT_FOUND' && count < 1,
      },
    ),
  );
  if (query.isError && query.error.data?.code === 'NOT_FOUND') return <DepartmentNotFound code={code} />;
  return (
    <QueryState query={query}>
      {(detail) => <DepartmentBody key={detail.department.code} detail={detail} view={view} />}
    </QueryState>
  );
}

function DepartmentNotFound({ code }: { code: string }) {
  const { t } = useLanguage();
  return (
    <section className="not-found departments-not-found" aria-labelledby="department-not-found">
      <h1 id="department-not-found">{t('departments.page.notFoundTitle')}</h1>
      <p>{t('departments.page.notFoundBody', { code })}</p>
      <ViewLink to="/departments">{t('departments.page.backToList')}</ViewLink>
    </section>
  );
}

const LIMITS = { indicators: 25, unreported: 10, milestones: 25 } as const;
const SORTS: IndicatorSort[] = ['plan', 'code', 'status', 'attainment', 'actual', 'forecast'];

function DepartmentBody({ detail, view }: { detail: DepartmentDetail; view: View }) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const name = detail.department.name[language];
  const code = detail.department.code;
  const asOf = detail.asOf && `as-of-${detail.asOf}`;
  const owns = usePaging<IndicatorSort>({ sorts: SORTS, defaultSort: 'plan' });
  const unreportedPaging = usePaging({ prefix: 'unreported' });
  const milestonePaging = usePaging({ prefix: 'milestones' });
  const keep = { placeholderData: <T,>(previous: T | undefined) => previous };
  const indicators = useQuery(
    trpc.indicators.list.queryOptions(
      {
        ...view,
        department: code,
        sort: owns.sort,
        order: owns.order,
        page: owns.page,
        limit: LIMITS.indicators,
      },
      keep,
    ),
  );
  const unreported = useQuery(
    trpc.indicators.list.queryOptions(
      { ...view, department: code, unreported: true, page: unreportedPaging.page, limit: LIMITS.unreported },
      keep,
    ),
  );
  const milestones = useQuery(
    trpc.milestones.list.queryOptions(
      { ...view, department: code, page: milestonePaging.page, limit: LIMITS.milestones },
      keep,
    ),
  );
  return (
    <div className="departments-detail" data-department={detail.department.code}>
      <header className="plan-heading departments-heading">
        <p className="eyebrow">
          <ViewLink to="/departments">{t('departments.title')}</ViewLink> · {t('departments.page.eyebrow')} ·{' '}
          {t('departments.asOfDate', { date: formatPeriod(detail.asOf, t) })}
        </p>
        <h1>{name}</h1>
        <div className="departments-summary">
          <span className="label">{t('departments.page.score')}</span>
          <strong className="departments-score">
            {detail.score === null ? t('departments.noScore') : formatPercent(detail.score, language)}
          </strong>
          <ul className="status-counts" aria-label={t('departments.page.statusCounts')}>
            {STATUSES.map((status) => (
              <li key={status}>
                <StatusBadge status={status} count={detail.statusCounts[status]} />
              </li>
            ))}
          </ul>
          <span className="muted">
            {t('departments.page.indicatorCount', { count: detail.indicatorCount })} ·{' '}
            {t('departments.page.lastPeriod', { period: formatPeriod(detail.lastPeriod, t) })}
          </span>
        </div>
      </header>

      <section aria-labelledby="department-owns">
        <h2 id="department-owns">{t('departments.page.owns')}</h2>
        <QueryState query={indicators}>
          {(list) =>
            list.total === 0 ? (
              <p className="state state-empty">{t('state.empty')}</p>
            ) : (
              <>
                <IndicatorTable
                  indicators={list.indicators}
                  busy={indicators.isPlaceholderData}
                  total={list.total}
                  caption={t('departments.page.ownsCaption', { department: name })}
                  showOwner={false}
                  sort={owns.sort}
                  order={owns.order}
                  onSort={owns.setOrder}
                  exportName={exportFileName('indicators', code, detail.year, asOf, language)}
                  wholeExport={serverExport('indicators.csv', {
                    year: detail.year,
                    asOf: detail.asOf,
                    department: code,
                    lang: language,
                  })}
                />
                <Pager
                  page={owns.page}
                  limit={LIMITS.indicators}
                  total={list.total}
                  label={t('departments.page.ownsPages')}
                  searchFor={owns.searchFor}
                />
              </>
            )
          }
        </QueryState>
      </section>

      <section aria-labelledby="department-unreported" className="departments-unreported">
        <h2 id="department-unreported">{t('departments.page.unreported')}</h2>
        <p className="muted">{t('departments.page.unreportedIntro')}</p>
        <QueryState query={unreported}>
          {(list) =>
            list.total === 0 ? (
              <p className="departments-none">{t('departments.page.unreportedNone')}</p>
            ) : (
              <>
                <ul className="departments-unreported-list">
                  {list.indicators.map((indicator) => (
                    <UnreportedItem key={indicator.code} indicator={indicator} />
                  ))}
                </ul>
                <Pager
                  page={unreportedPaging.page}
                  limit={LIMITS.unreported}
                  total={list.total}
                  label={t('departments.page.unreportedPages')}
                  searchFor={unreportedPaging.searchFor}
                />
              </>
            )
          }
        </QueryState>
      </section>

      <DepartmentReporting year={detail.year} department={detail.department.code} />

      <section aria-labelledby="department-milestones">
        <h2 id="department-milestones">{t('departments.page.milestones')}</h2>
        <QueryState query={milestones}>
          {(list) =>
            list.total === 0 ? (
              <p className="departments-none">{t('departments.page.milestonesNone')}</p>
            ) : (
              <>
                <MilestoneTable
                  milestones={list.items}
                  total={list.total}
                  caption={t('departments.page.milestonesCaption', { department: name })}
                  showProject
                  exportName={exportFileName('milestones', code, detail.year, asOf, language)}
                  wholeExport={serverExport('milestones.csv', {
                    year: detail.year,
                    asOf: detail.asOf,
                    department: code,
                    lang: language,
                  })}
                />
                <Pager
                  page={milestonePaging.page}
                  limit={LIMITS.milestones}
                  total={list.total}
                  label={t('departments.page.milestonePages')}
                  searchFor={milestonePaging.searchFor}
                />
              </>
            )
          }
        </QueryState>
      </section>
    </div>
  );
}

const REPORTED_KEY = {
  monthly: 'departments.page.reportedMonthly',
  quarterly: 'departments.page.reportedQuarterly',
  annual: 'departments.page.reportedAnnual',
} as const;

/** An indicator with periods due but not reported: how many, and which, in words. */
function UnreportedItem({ indicator }: { indicator: IndicatorRow }) {
  const { t, language } = useLanguage();
  const { periodsDue, periodsReported } = indicator.figures;
  const missing = indicator.missingPeriods.map((period) => formatPeriod(period, t));
  return (
    <li data-code={indicator.code}>
      <ViewLink to={`/indicators/${indicator.code}`}>
        <span className="code">{indicator.code}</span> {indicator.name[language]}
      </ViewLink>
      <span className="departments-reported">
        {t(REPORTED_KEY[indicator.frequency], { due: periodsDue, reported: periodsReported })}
      </span>
      {missing.length > 0 && (
        <span className="muted departments-missing">
          {t('departments.page.missing', { periods: missing.join(', ') })}
        </span>
      )}
    </li>
  );
}
