import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { lazy, Suspense } from 'react';
import { useSession } from '../../auth/useSession';
import { LastYearBeside } from '../../components/LastYearBeside';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ViewLink } from '../../components/ViewLink';
import { formatDate, useLanguage } from '../../format/language';
import { formatPercent, formatPeriod, formatValue } from '../../format/numbers';
import { type IndicatorRow, type Overview, type Status, useTRPC } from '../../trpc';
import { useView, type View } from '../../view/useView';
import { FollowThroughPanel } from './FollowThroughPanel';
import { ReportingPanel } from './ReportingPanel';

const SectorScoreChart = lazy(() => import('../../charts/SectorScoreChart'));

const STATUSES: Status[] = ['on_track', 'at_risk', 'off_track', 'no_data'];

export function OverviewPage() {
  const { view, yearsQuery } = useView();
  const { t } = useLanguage();
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
  return (
    <QueryState query={query}>{(overview) => <OverviewBody overview={overview} view={view} />}</QueryState>
  );
}

function OverviewBody({ overview, view }: { overview: Overview; view: View }) {
  const { t, language } = useLanguage();
  // The public view shows approved results only; reporting status is for staff.
  const user = useSession().data?.user;
  const signedIn = Boolean(user);
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
          <span className="muted">
            {scoreBasis(overview.score, overview.statusCounts, t)}
            {t('overview.lastPeriod', { period: formatPeriod(overview.lastPeriod, t) })}
          </span>
        </div>
      </section>

      <LastYearBeside
        view={view}
        sectorNames={new Map(overview.sectors.map((sector) => [sector.code, sector.name]))}
      />

      <section aria-labelledby="sectors-title">
        <h2 id="sectors-title">{t('overview.sectors')}</h2>
        <ol className="sector-grid">
          {overview.sectors.map((sector) => (
            <li key={sector.code} className="sector-card" data-sector={sector.code}>
              <h3>
                <ViewLink to={`/sectors/${sector.code}`}>{sector.name[language]}</ViewLink>
              </h3>
              <p className="sector-goal">{sector.goal[language]}</p>
              <p className="sector-score">
                {sector.score === null
                  ? t('overview.noScore')
                  : t('overview.scoreOf', { score: formatPercent(sector.score, language) })}
              </p>
              <StatusCounts counts={sector.statusCounts} />
              <p className="muted">
                {scoreBasis(sector.score, sector.statusCounts, t) ||
                  `${t('overview.indicatorCount', { count: sector.indicatorCount })} · `}
                {t('overview.lastPeriod', { period: formatPeriod(sector.lastPeriod, t) })}
              </p>
              <h4>{t('overview.headlines')}</h4>
              <ul className="headlines">
                {sector.headlines.map((indicator) => (
                  <Headline key={indicator.code} indicator={indicator} />
                ))}
              </ul>
              {sector.headlineCount > sector.headlines.length && (
                <p className="see-all">
                  <span className="muted">
                    {t('overview.shownOf', { shown: sector.headlines.length, total: sector.headlineCount })}
                  </span>{' '}
                  <ViewLink to={`/sectors/${sector.code}`}>
                    {t('overview.seeAllHeadlines', {
                      sector: sector.name[language],
                      count: sector.headlineCount,
                    })}
                  </ViewLink>
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>

      <div className="overview-columns">
        <OffTrack offTrack={overview.offTrack} signedIn={signedIn} />
        <Tracks tracks={overview.tracks} />
      </div>

      {signedIn && (
        <ReportingPanel
          year={overview.plan.year}
          canApprove={user?.role === 'approver' || user?.role === 'admin'}
        />
      )}
      {signedIn && <FollowThroughPanel year={overview.plan.year} />}

      <Suspense fallback={<p className="state">{t('state.loading')}</p>}>
        <SectorScoreChart sectors={overview.sectors} />
      </Suspense>
    </div>
  );
}

/**
 * What a score is computed from, when not every indicator has data ("from 3 of 57 indicators · "):
 * a score is the mean over the indicators with data only, so early in a year, or in a plan barely
 * reported, it may stand on a few milestone tracks, and a bare "0 %" would read as the whole plan's.
 */
function scoreBasis(score: number | null, counts: Record<Status, number>, t: TFunction): string {
  const total = STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const withData = total - counts.no_data;
  if (score === null || withData === total) return '';
  return `${t('overview.scoreBasis', { count: withData, total })} · `;
}

function StatusCounts({ counts }: { counts: Record<Status, number> }) {
  const { t } = useLanguage();
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

function Headline({ indicator }: { indicator: IndicatorRow }) {
  const { t, language } = useLanguage();
  const { figures, unit } = indicator;
  return (
    <li className="headline">
      <ViewLink to={`/indicators/${indicator.code}`} className="headline-name">
        {indicator.name[language]}
      </ViewLink>
      <span className="headline-figure">
        {t('overview.actualOfTarget', {
          actual: formatValue(figures.actualToDate, unit, language, t),
          target: formatValue(indicator.annualTarget, unit, language, t),
        })}
      </span>
      <span className="headline-meta">
        <StatusBadge status={figures.status} />
        {figures.lastPeriod && (
          <span className="muted">
            {t('overview.headlineReported', { period: formatPeriod(figures.lastPeriod, t) })}
          </span>
        )}
      </span>
    </li>
  );
}

/**
 * What is off track and why, furthest from target first: the gap to the target to date, the owner,
 * and where the year is heading; the first few, with a link to all of them.
 */
function OffTrack({ offTrack, signedIn }: { offTrack: Overview['offTrack']; signedIn: boolean }) {
  const { t, language } = useLanguage();
  const indicators = offTrack.items;
  return (
    <section aria-labelledby="off-track-title" className="off-track-section">
      <h2 id="off-track-title">{t('overview.offTrack')}</h2>
      {offTrack.total > indicators.length && (
        <p className="muted">{t('overview.shownOf', { shown: indicators.length, total: offTrack.total })}</p>
      )}
      {indicators.length === 0 ? (
        <p>{t('overview.offTrackEmpty')}</p>
      ) : (
        <ul className="off-track">
          {indicators.map((indicator) => {
            const { figures, unit } = indicator;
            const gap = indicator.gapToDate === null ? null : Math.abs(indicator.gapToDate);
            const why =
              indicator.direction === 'decrease' ? 'overview.offTrackWhyDecrease' : 'overview.offTrackWhy';
            return (
              <li key={indicator.code} data-code={indicator.code}>
                <div className="off-track-head">
                  <StatusBadge status={figures.status} />
                  <ViewLink to={`/indicators/${indicator.code}`}>
                    <strong>{indicator.name[language]}</strong>
                  </ViewLink>
                  <span className="muted">{formatPercent(figures.attainment, language)}</span>
                </div>
                <p className="off-track-why">
                  {indicator.aggregation === 'milestones'
                    ? t('overview.offTrackMilestones', {
                        done: figures.periodsReported,
                        due: figures.periodsDue,
                        progress: formatValue(figures.actualToDate, unit, language, t),
                        planned: formatValue(figures.targetToDate, unit, language, t),
                      })
                    : t(why, {
                        actual: formatValue(figures.actualToDate, unit, language, t),
                        target: formatValue(figures.targetToDate, unit, language, t),
                        gap: formatValue(gap, unit, language, t),
                      })}
                  {figures.forecastYearEnd !== null && (
                    <>
                      {' · '}
                      {t(figures.forecastMeetsTarget ? 'overview.forecastMeets' : 'overview.forecastMisses', {
                        forecast: formatValue(figures.forecastYearEnd, unit, language, t),
                        annual: formatValue(indicator.annualTarget, unit, language, t),
                      })}
                    </>
                  )}
                </p>
                <p className="muted">
                  <ViewLink to={`/departments/${indicator.department.code}`}>
                    {t('overview.owner', { owner: indicator.department.name[language] })}
                  </ViewLink>
                  {' · '}
                  {t('overview.lastPeriod', { period: formatPeriod(figures.lastPeriod, t) })}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {signedIn && offTrack.total > indicators.length && (
        <p className="see-all">
          <ViewLink to="/indicators" params={{ status: 'off_track', sort: 'attainment' }}>
            {t('overview.seeAllOffTrack', { count: offTrack.total })}
          </ViewLink>
        </p>
      )}
    </section>
  );
}

/** The milestone tracks at a glance, those needing attention first: Gadeokdo New Airport, BuTX, … */
function Tracks({ tracks }: { tracks: Overview['tracks'] }) {
  const { t, language } = useLanguage();
  return (
    <section aria-labelledby="tracks-title" className="tracks-section">
      <h2 id="tracks-title">{t('overview.tracks')}</h2>
      {tracks.total > tracks.items.length && (
        <p className="muted">{t('overview.shownOf', { shown: tracks.items.length, total: tracks.total })}</p>
      )}
      <ul className="tracks">
        {tracks.items.map((track) => (
          <li key={track.project.code} className="track" data-project={track.project.code}>
            <ViewLink to="/milestones" params={{ sector: track.sector.code }}>
              <strong>{track.project.name[language]}</strong>
            </ViewLink>
            <span className="muted"> · {track.department.name[language]}</span>
            <div className="track-bar" aria-hidden="true">
              <span className="track-planned" style={{ width: `${(track.plannedProgress ?? 0) * 100}%` }} />
              <span className="track-done" style={{ width: `${(track.progress ?? 0) * 100}%` }} />
            </div>
            <p>
              {t('overview.trackProgress', {
                done: formatPercent(track.progress, language),
                planned: formatPercent(track.plannedProgress, language),
                doneCount: track.doneCount,
                count: track.milestoneCount,
              })}
            </p>
            <p className="track-flags">
              {track.overdueCount > 0 && (
                <span className="status status-off_track">
                  <span aria-hidden="true">■</span>{' '}
                  {t('overview.trackOverdue', { count: track.overdueCount })}
                </span>
              )}
              {track.maxSlippageDays > 0 && (
                <span>{t('overview.trackMaxSlip', { days: track.maxSlippageDays })}</span>
              )}
            </p>
            <p className="muted">
              {track.next
                ? t('overview.trackNext', {
                    name: track.next.name[language],
                    date: formatDate(track.next.expected, language),
                  })
                : t('overview.trackNone')}
            </p>
          </li>
        ))}
      </ul>
      <ViewLink to="/milestones">{t('overview.allMilestones')}</ViewLink>
    </section>
  );
}
