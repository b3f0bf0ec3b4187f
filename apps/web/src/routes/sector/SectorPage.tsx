import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { exportFileName } from '../../components/ExportCsvButton';
import { IndicatorTable } from '../../components/IndicatorTable';
import { LastYearBeside } from '../../components/LastYearBeside';
import { serverExport } from '../../components/ListExport';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { ViewLink } from '../../components/ViewLink';
import { useLanguage } from '../../format/language';
import { formatPercent, formatPeriod } from '../../format/numbers';
import type { IndicatorSort } from '../../trpc';
import { usePaging } from '../../view/usePaging';
import { useView, type View } from '../../view/useView';
import { SectorMilestones } from './SectorMilestones';
import { SectorNotFound } from './SectorNotFound';
import { SectorStatusCounts } from './SectorStatusCounts';
import {
  SECTOR_LIMITS,
  type SectorDetail,
  useSectorDetail,
  useSectorHeadlines,
  useSectorHistory,
  useSectorIndicators,
  useSectorTracks,
} from './useSector';
import './sector.css';

const HeadlineCharts = lazy(() => import('./HeadlineCharts'));
const SectorHistoryChart = lazy(() => import('./SectorHistoryChart'));
const StatusDistributionChart = lazy(() => import('./StatusDistributionChart'));

const INDICATOR_SORTS: IndicatorSort[] = ['plan', 'code', 'status', 'attainment', 'actual', 'forecast'];

/**
 * One sector: score and statuses, charts, its indicators grouped by strategy and project, its
 * milestone tracks; the lists a page at a time, their pages and order in the URL.
 */
export default function SectorPage() {
  const { code = '' } = useParams();
  const { view, yearsQuery } = useView();
  const { t } = useTranslation();
  if (!view) {
    return (
      <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
        {() => <p className="state">{t('state.loading')}</p>}
      </QueryState>
    );
  }
  return <SectorContent view={view} code={code} />;
}

function SectorContent({ view, code }: { view: View; code: string }) {
  const query = useSectorDetail(view, code);
  if (query.error?.data?.code === 'NOT_FOUND')
    return <SectorNotFound code={code} year={view.year} org={view.org} />;
  return <QueryState query={query}>{(detail) => <SectorBody detail={detail} view={view} />}</QueryState>;
}

function ChartFallback() {
  const { t } = useTranslation();
  return (
    <p className="state" role="status">
      {t('state.loading')}
    </p>
  );
}

function SectorBody({ detail, view }: { detail: SectorDetail; view: View }) {
  const { t, language } = useLanguage();
  const code = detail.sector.code;
  const history = useSectorHistory(view, code);
  const charts = usePaging({ prefix: 'charts' });
  const headlines = useSectorHeadlines(view, code, charts.page);
  const paging = usePaging<IndicatorSort>({ sorts: INDICATOR_SORTS, defaultSort: 'plan' });
  const indicators = useSectorIndicators(view, code, paging);
  const trackPaging = usePaging({ prefix: 'tracks' });
  const tracks = useSectorTracks(view, code, trackPaging.page);
  const asOf = detail.asOf && `as-of-${detail.asOf}`;
  return (
    <div className="sector-page" data-sector={code}>
      <header className="sector-heading">
        <div className="sector-heading-text">
          <p className="eyebrow">{t('sector.eyebrow', { asOf: formatPeriod(detail.asOf, t) })}</p>
          <h1>{detail.sector.name[language]}</h1>
          <p className="sector-goal-line">
            <span className="label">{t('sector.goal')}</span> {detail.sector.goal[language]}
          </p>
        </div>
        <ViewLink to={`/sectors/${code}/briefing`} className="sector-briefing-link">
          {t('sector.briefingLink')}
        </ViewLink>
        <div className="sector-score-row">
          <span className="label">{t('sector.score')}</span>
          <strong className="sector-score-value">
            {detail.score === null ? t('sector.noScore') : formatPercent(detail.score, language)}
          </strong>
          <SectorStatusCounts counts={detail.statusCounts} />
          <span className="muted">
            {t('sector.indicatorCount', { count: detail.indicatorCount })} ·{' '}
            {t('sector.lastPeriod', { period: formatPeriod(detail.lastPeriod, t) })}
          </span>
        </div>
      </header>
      <LastYearBeside view={view} sectorCode={code} sectorNames={new Map([[code, detail.sector.name]])} />

      <Suspense fallback={<ChartFallback />}>
        <QueryState query={headlines}>
          {(page) => (
            <>
              <HeadlineCharts indicators={page.items} />
              <Pager
                page={charts.page}
                limit={SECTOR_LIMITS.charts}
                total={page.total}
                label={t('sector.chartPages')}
                searchFor={charts.searchFor}
              />
            </>
          )}
        </QueryState>
        <div className="sector-chart-pair">
          <QueryState query={history} isEmpty={(data) => data.months.length === 0}>
            {(data) => <SectorHistoryChart history={data} />}
          </QueryState>
          <StatusDistributionChart counts={detail.statusCounts} />
        </div>
      </Suspense>

      <section className="sector-strategies" aria-labelledby="sector-strategies-title">
        <h2 id="sector-strategies-title">{t('sector.strategies')}</h2>
        <p className="muted">{t('sector.strategiesIntro')}</p>
        <QueryState query={indicators}>
          {(page) =>
            page.total === 0 ? (
              <p className="state state-empty">{t('sector.noIndicators')}</p>
            ) : (
              <>
                <IndicatorTable
                  indicators={page.items}
                  busy={indicators.isPlaceholderData}
                  total={page.total}
                  caption={t('sector.indicatorsOf', { sector: detail.sector.name[language] })}
                  sort={paging.sort}
                  order={paging.order}
                  onSort={paging.setOrder}
                  groupByProject
                  exportName={exportFileName('indicators', code, detail.year, asOf, language)}
                  wholeExport={serverExport('indicators.csv', {
                    year: detail.year,
                    asOf: detail.asOf,
                    sector: code,
                    lang: language,
                  })}
                />
                <Pager
                  page={paging.page}
                  limit={SECTOR_LIMITS.indicators}
                  total={page.total}
                  label={t('sector.indicatorPages')}
                  searchFor={paging.searchFor}
                />
              </>
            )
          }
        </QueryState>
      </section>

      <QueryState query={tracks}>
        {(page) => (
          <SectorMilestones
            tracks={page.tracks}
            total={page.total}
            pager={
              <Pager
                page={trackPaging.page}
                limit={SECTOR_LIMITS.tracks}
                total={page.total}
                label={t('sector.trackPages')}
                searchFor={trackPaging.searchFor}
              />
            }
            fileName={(project) => exportFileName('milestones', code, project, detail.year, asOf, language)}
          />
        )}
      </QueryState>
    </div>
  );
}
