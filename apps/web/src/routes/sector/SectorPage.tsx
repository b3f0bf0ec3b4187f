import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { exportFileName } from '../../components/ExportCsvButton';
import { IndicatorTable } from '../../components/IndicatorTable';
import { QueryState } from '../../components/QueryState';
import { ViewLink } from '../../components/ViewLink';
import { useLanguage } from '../../format/language';
import { formatPercent, formatPeriod } from '../../format/numbers';
import { useView, type View } from '../../view/useView';
import { SectorMilestones } from './SectorMilestones';
import { SectorNotFound } from './SectorNotFound';
import { SectorStatusCounts } from './SectorStatusCounts';
import { type SectorDetail, sectorIndicators, useSectorDetail, useSectorHistory } from './useSector';
import './sector.css';

const HeadlineCharts = lazy(() => import('./HeadlineCharts'));
const SectorHistoryChart = lazy(() => import('./SectorHistoryChart'));
const StatusDistributionChart = lazy(() => import('./StatusDistributionChart'));

/** One sector: score and statuses, charts, strategies and projects with their indicators, milestones. */
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
  if (query.error?.data?.code === 'NOT_FOUND') return <SectorNotFound code={code} year={view.year} />;
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
  const history = useSectorHistory(view, detail.sector.code);
  const headlines = sectorIndicators(detail).filter((indicator) => indicator.headline);
  return (
    <div className="sector-page" data-sector={detail.sector.code}>
      <header className="sector-heading">
        <div className="sector-heading-text">
          <p className="eyebrow">{t('sector.eyebrow', { asOf: formatPeriod(detail.asOf, t) })}</p>
          <h1>{detail.sector.name[language]}</h1>
          <p className="sector-goal-line">
            <span className="label">{t('sector.goal')}</span> {detail.sector.goal[language]}
          </p>
        </div>
        <ViewLink to={`/sectors/${detail.sector.code}/briefing`} className="sector-briefing-link">
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

      <Suspense fallback={<ChartFallback />}>
        <HeadlineCharts indicators={headlines} />
        <div className="sector-chart-pair">
          <QueryState query={history} isEmpty={(data) => data.months.length === 0}>
            {(data) => <SectorHistoryChart history={data} />}
          </QueryState>
          <StatusDistributionChart counts={detail.statusCounts} />
        </div>
      </Suspense>

      <section className="sector-strategies" aria-labelledby="sector-strategies-title">
        <h2 id="sector-strategies-title">{t('sector.strategies')}</h2>
        {detail.strategies.map((strategy) => (
          <section key={strategy.code} className="sector-strategy" data-strategy={strategy.code}>
            <h3>
              <span className="sector-kind">{t('sector.strategy')}</span>{' '}
              <span className="code">{strategy.code}</span> {strategy.name[language]}
            </h3>
            {strategy.projects.map((project) => (
              <article key={project.code} className="sector-project" data-project={project.code}>
                <h4>
                  <span className="sector-kind">{t('sector.project')}</span>{' '}
                  <span className="code">{project.code}</span> {project.name[language]}
                </h4>
                <p className="sector-project-owner">
                  <span className="label">{t('sector.department')}</span>
                  <ViewLink to={`/departments/${project.department.code}`}>
                    {project.department.name[language]}
                  </ViewLink>
                </p>
                {project.indicators.length === 0 ? (
                  <p className="state state-empty">{t('sector.noIndicators')}</p>
                ) : (
                  <IndicatorTable
                    indicators={project.indicators}
                    caption={t('sector.indicatorsCaption', { project: project.name[language] })}
                    exportName={exportFileName(
                      'indicators',
                      detail.sector.code,
                      project.code,
                      detail.year,
                      detail.asOf && `as-of-${detail.asOf}`,
                      language,
                    )}
                  />
                )}
              </article>
            ))}
          </section>
        ))}
      </section>

      <SectorMilestones
        tracks={detail.tracks}
        fileName={(project) =>
          exportFileName(
            'milestones',
            detail.sector.code,
            project,
            detail.year,
            detail.asOf && `as-of-${detail.asOf}`,
            language,
          )
        }
      />
    </div>
  );
}
