import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { exportFileName } from '../../components/ExportCsvButton';
import { IndicatorTable } from '../../components/IndicatorTable';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ViewLink } from '../../components/ViewLink';
import { useLanguage } from '../../format/language';
import { formatPercent, formatPeriod } from '../../format/numbers';
import type { IndicatorView, Status } from '../../trpc';
import { useTRPC } from '../../trpc';
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
  return <QueryState query={query}>{(detail) => <DepartmentBody detail={detail} />}</QueryState>;
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

function DepartmentBody({ detail }: { detail: DepartmentDetail }) {
  const { t, language } = useLanguage();
  const name = detail.department.name[language];
  const asOf = detail.asOf && `as-of-${detail.asOf}`;
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
        {detail.indicators.length === 0 ? (
          <p className="state state-empty">{t('state.empty')}</p>
        ) : (
          <IndicatorTable
            indicators={detail.indicators}
            caption={t('departments.page.ownsCaption', { department: name })}
            showOwner={false}
            exportName={exportFileName('indicators', detail.department.code, detail.year, asOf, language)}
          />
        )}
      </section>

      <section aria-labelledby="department-unreported" className="departments-unreported">
        <h2 id="department-unreported">{t('departments.page.unreported')}</h2>
        <p className="muted">{t('departments.page.unreportedIntro')}</p>
        {detail.unreported.length === 0 ? (
          <p className="departments-none">{t('departments.page.unreportedNone')}</p>
        ) : (
          <ul className="departments-unreported-list">
            {detail.unreported.map((indicator) => (
              <UnreportedItem key={indicator.code} indicator={indicator} />
            ))}
          </ul>
        )}
      </section>

      <DepartmentReporting year={detail.year} department={detail.department.code} />

      <section aria-labelledby="department-milestones">
        <h2 id="department-milestones">{t('departments.page.milestones')}</h2>
        {detail.milestones.length === 0 ? (
          <p className="departments-none">{t('departments.page.milestonesNone')}</p>
        ) : (
          <MilestoneTable
            milestones={detail.milestones}
            caption={t('departments.page.milestonesCaption', { department: name })}
            showProject
            exportName={exportFileName('milestones', detail.department.code, detail.year, asOf, language)}
          />
        )}
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
function UnreportedItem({ indicator }: { indicator: IndicatorView }) {
  const { t, language } = useLanguage();
  const { periodsDue, periodsReported } = indicator.figures;
  // The trend holds one value per period up to the as-of month, in the order of the series.
  const missing = indicator.series
    .slice(0, indicator.trend.length)
    .filter((_, index) => indicator.trend[index] === null)
    .map((point) => formatPeriod(point.period, t));
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
