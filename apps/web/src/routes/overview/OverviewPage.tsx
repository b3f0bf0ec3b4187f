import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatPercent, formatPeriod, formatValue } from '../../format/numbers';
import { type IndicatorView, type Overview, type Status, useTRPC } from '../../trpc';
import { useView, type View } from '../../view/useView';

const SectorScoreChart = lazy(() => import('../../charts/SectorScoreChart'));

const STATUSES: Status[] = ['on_track', 'at_risk', 'off_track', 'no_data'];

export function OverviewPage() {
  const { view, yearsQuery } = useView();
  const { t } = useTranslation();
  if (!view) {
    return (
      <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
        {() => <p className="state">{t('state.loading')}</p>}
      </QueryState>
    );
  }
  return <OverviewContent view={view} />;
}

function OverviewContent({ view }: { view: View }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.plan.overview.queryOptions(view, { placeholderData: (previous) => previous }));
  return <QueryState query={query}>{(overview) => <OverviewBody overview={overview} />}</QueryState>;
}

function useLanguage() {
  const { t, i18n } = useTranslation();
  return { t, language: i18n.language === 'en' ? ('en' as const) : ('ko' as const) };
}

function OverviewBody({ overview }: { overview: Overview }) {
  const { t, language } = useLanguage();
  return (
    <div className="overview">
      <section className="plan-heading" aria-labelledby="plan-title">
        <p className="eyebrow">
          {t('overview.title')} · {formatPeriod(overview.asOf, t)}
        </p>
        <h1 id="plan-title">{overview.plan.name[language]}</h1>
        <p className="core-goal">
          <span className="label">{t('overview.coreGoal')}</span> {overview.plan.coreGoal[language]}
        </p>
        <ul className="goals" aria-label={t('overview.goals')}>
          {overview.plan.goals.map((goal) => (
            <li key={goal.en}>{goal[language]}</li>
          ))}
        </ul>
        <div className="plan-score">
          <span className="label">{t('overview.planScore')}</span>
          <strong>
            {overview.score === null ? t('overview.noScore') : formatPercent(overview.score, language)}
          </strong>
          <StatusCounts counts={overview.statusCounts} />
        </div>
      </section>

      <section aria-labelledby="sectors-title">
        <h2 id="sectors-title">{t('overview.sectors')}</h2>
        <ol className="sector-grid">
          {overview.sectors.map((sector) => (
            <li key={sector.code} className="sector-card" data-sector={sector.code}>
              <h3>{sector.name[language]}</h3>
              <p className="sector-goal">{sector.goal[language]}</p>
              <p className="sector-score">
                {sector.score === null
                  ? t('overview.noScore')
                  : t('overview.scoreOf', { score: formatPercent(sector.score, language) })}
              </p>
              <StatusCounts counts={sector.statusCounts} />
              <p className="muted">
                {t('overview.indicatorCount', { count: sector.indicatorCount })} ·{' '}
                {t('overview.lastPeriod', { period: formatPeriod(sector.lastPeriod, t) })}
              </p>
              <h4>{t('overview.headlines')}</h4>
              <ul className="headlines">
                {sector.headlines.map((indicator) => (
                  <Headline key={indicator.code} indicator={indicator} />
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>

      <Suspense fallback={<p className="state">{t('state.loading')}</p>}>
        <SectorScoreChart sectors={overview.sectors} />
      </Suspense>

      <section aria-labelledby="off-track-title">
        <h2 id="off-track-title">{t('overview.offTrack')}</h2>
        {overview.offTrack.length === 0 ? (
          <p>{t('overview.offTrackEmpty')}</p>
        ) : (
          <ul className="off-track">
            {overview.offTrack.map((indicator) => (
              <li key={indicator.code}>
                <StatusBadge status={indicator.figures.status} />
                <strong>{indicator.name[language]}</strong>
                <span className="muted">
                  {t('overview.offTrackItem', {
                    owner: indicator.department.name[language],
                    attainment: formatPercent(indicator.figures.attainment, language),
                    forecast: formatValue(indicator.figures.forecastYearEnd, indicator.unit, language, t),
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function StatusCounts({ counts }: { counts: Record<Status, number> }) {
  const { t } = useTranslation();
  return (
    <ul className="status-counts" aria-label={t('overview.statusCounts')}>
      {STATUSES.map((status) => (
        <li key={status}>
          <StatusBadge status={status} count={counts[status]} />
        </li>
      ))}
    </ul>
  );
}

function Headline({ indicator }: { indicator: IndicatorView }) {
  const { t, language } = useLanguage();
  const { figures, unit } = indicator;
  return (
    <li className="headline">
      <span className="headline-name">{indicator.name[language]}</span>
      <span className="headline-figure">
        {t('overview.actualOfTarget', {
          actual: formatValue(figures.actualToDate, unit, language, t),
          target: formatValue(indicator.annualTarget, unit, language, t),
        })}
      </span>
      <StatusBadge status={figures.status} />
    </li>
  );
}
