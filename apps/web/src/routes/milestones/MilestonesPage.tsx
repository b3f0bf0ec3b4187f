import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { exportFileName } from '../../components/ExportCsvButton';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { ViewLink } from '../../components/ViewLink';
import { formatDate, useLanguage } from '../../format/language';
import { formatPercent, formatPeriod } from '../../format/numbers';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { useListFilter, usePaging } from '../../view/usePaging';
import { useView, type View } from '../../view/useView';
import { MilestoneStateBadge, type Track } from './MilestoneState';
import { MilestoneTable } from './MilestoneTable';
import { SectorSelect } from './SectorSelect';
import { TrackTimeline } from './TrackTimeline';
import { type Span, wholeSpan, yearSpan } from './timelineScale';
import { useFilterParam } from './useFilterParam';
import './milestones.css';
import { PageHeader } from '../../components/PageHeader';

type Timeline = RouterOutputs['milestones']['timeline'];

/** Tracks per page: each carries its milestones. */
const LIMIT = 10;

/**
 * The milestone tracks (Gadeokdo New Airport, BuTX, …) as timelines or tables, filtered by sector,
 * ten at a time.
 */
export default function MilestonesPage() {
  const { view, yearsQuery } = useView();
  const { t } = useLanguage();
  if (!view) {
    return (
      <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
        {() => <p className="state">{t('state.loading')}</p>}
      </QueryState>
    );
  }
  return <MilestonesContent view={view} />;
}

function MilestonesContent({ view }: { view: View }) {
  const trpc = useTRPC();
  const { t } = useLanguage();
  const [sector, setSector] = useListFilter('sector');
  const [spanChoice, setSpan] = useFilterParam('span', 'year');
  const [display, setDisplay] = useFilterParam('display', 'timeline');
  const paging = usePaging({});
  const query = useQuery(
    trpc.milestones.timeline.queryOptions(
      { ...view, ...(sector ? { sector } : {}), page: paging.page, limit: LIMIT },
      { placeholderData: (previous) => previous },
    ),
  );
  return (
    <div className="milestones">
      <PageHeader
        asOf={t('milestones.asOfDate', { date: formatPeriod(query.data?.asOf ?? view.asOf ?? null, t) })}
        title={t('milestones.title')}
        intro={t('milestones.intro')}
      >
        <div className="milestones-controls">
          <SectorSelect
            year={view.year}
            org={view.org}
            value={sector}
            onChange={setSector}
            label={t('milestones.sector')}
            allLabel={t('milestones.allSectors')}
          />
          <Toggle
            label={t('milestones.display')}
            value={display}
            onChange={setDisplay}
            options={[
              { value: 'timeline', label: t('milestones.displayTimeline') },
              { value: 'table', label: t('milestones.displayTable') },
            ]}
          />
          {display !== 'table' && (
            <Toggle
              label={t('milestones.span')}
              value={spanChoice}
              onChange={setSpan}
              options={[
                { value: 'year', label: t('milestones.spanYear', { year: view.year }) },
                { value: 'all', label: t('milestones.spanAll') },
              ]}
            />
          )}
        </div>
      </PageHeader>
      <QueryState query={query} isEmpty={(data) => data.total === 0}>
        {(timeline) => (
          <>
            <Tracks
              timeline={timeline}
              spanChoice={spanChoice}
              display={display === 'table' ? 'table' : 'timeline'}
            />
            <Pager
              page={paging.page}
              limit={LIMIT}
              total={timeline.total}
              label={t('milestones.pages')}
              searchFor={paging.searchFor}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}

/** A small group of pressed buttons: a choice kept in the URL. */
function Toggle({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <fieldset className="milestones-toggle">
      <legend>{label}</legend>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={value === option.value}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}

function byPlannedDate(track: Track): Track {
  const milestones = [...track.milestones].sort(
    (a, b) => a.planned.localeCompare(b.planned) || a.code.localeCompare(b.code),
  );
  return { ...track, milestones };
}

function Tracks({
  timeline,
  spanChoice,
  display,
}: {
  timeline: Timeline;
  spanChoice: string;
  display: 'timeline' | 'table';
}) {
  const { t, language } = useLanguage();
  const tracks = useMemo(() => timeline.tracks.map(byPlannedDate), [timeline]);
  const span: Span = useMemo(() => {
    if (spanChoice !== 'all') return yearSpan(timeline.year, language);
    const dates = tracks.flatMap((track) =>
      track.milestones.flatMap((m) => [m.planned, m.expected, m.actual, m.forecast]),
    );
    return wholeSpan(
      dates.filter((d): d is string => d !== null),
      timeline.year,
    );
  }, [spanChoice, timeline.year, tracks, language]);
  return (
    <>
      <p className="muted">{t('milestones.trackCount', { count: timeline.total })}</p>
      {display === 'timeline' && <Legend />}
      {tracks.map((track) => (
        <section
          key={track.project.code}
          className="milestones-track"
          data-project={track.project.code}
          aria-labelledby={`track-${track.project.code}`}
        >
          <TrackHeader track={track} />
          {display === 'timeline' ? (
            <TrackTimeline track={track} span={span} asOf={timeline.asOf} />
          ) : (
            <MilestoneTable
              milestones={track.milestones}
              caption={t('milestones.tableCaption', { project: track.project.name[language] })}
              exportName={exportFileName(
                'milestones',
                track.project.code,
                timeline.year,
                timeline.asOf && `as-of-${timeline.asOf}`,
                language,
              )}
            />
          )}
        </section>
      ))}
    </>
  );
}

function TrackHeader({ track }: { track: Track }) {
  const { t, language } = useLanguage();
  return (
    <header className="milestones-track-header">
      <div>
        <p className="eyebrow">
          <ViewLink to={`/sectors/${track.sector.code}`}>{track.sector.name[language]}</ViewLink>
        </p>
        <h2 id={`track-${track.project.code}`}>{track.project.name[language]}</h2>
      </div>
      <dl className="milestones-facts-list">
        <div>
          <dt>{t('milestones.owner')}</dt>
          <dd>
            <ViewLink to={`/departments/${track.department.code}`}>
              {track.department.name[language]}
            </ViewLink>
          </dd>
        </div>
        <div>
          <dt title={t('milestones.progressHint')}>{t('milestones.progress')}</dt>
          <dd className="milestones-progress">
            {t('milestones.progressValue', {
              done: formatPercent(track.progress, language),
              planned: formatPercent(track.plannedProgress, language),
            })}
            <span className="muted">
              {' '}
              · {t('milestones.doneCount', { done: track.doneCount, total: track.milestoneCount })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('milestoneState.overdue')}</dt>
          <dd className="milestones-overdue">
            {t('milestones.overdueCount', { count: track.overdueCount })}
            <span className="muted"> · {t('milestones.slippingCount', { count: track.slippingCount })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('milestones.maxSlippage')}</dt>
          <dd className="milestones-max-slip">
            {t('milestones.maxSlippageValue', { days: track.maxSlippageDays })}
          </dd>
        </div>
        <div>
          <dt>{t('milestones.next')}</dt>
          <dd>
            {track.next ? (
              <>
                {track.next.name[language]}{' '}
                <span className="muted">({formatDate(track.next.expected, language)})</span>{' '}
                <MilestoneStateBadge state={track.next.state} />
              </>
            ) : (
              t('milestones.noNext')
            )}
          </dd>
        </div>
      </dl>
    </header>
  );
}

function Legend() {
  const { t } = useLanguage();
  const items = [
    ['planned', t('milestones.legendPlanned')],
    ['done', t('milestones.legendDone')],
    ['forecast', t('milestones.legendForecast')],
    ['counting', t('milestones.legendCounting')],
  ] as const;
  return (
    <ul className="milestones-legend" aria-label={t('milestones.legend')}>
      {items.map(([shape, label]) => (
        <li key={shape} className="milestones-legend-item">
          <span className="milestones-legend-swatch" aria-hidden="true">
            <span className={`milestones-marker milestones-marker-${shape}`} />
          </span>
          {label}
        </li>
      ))}
      <li className="milestones-legend-item">
        <span className="milestones-legend-bar milestones-bar-late" aria-hidden="true" />
        {t('milestones.legendLate')}
      </li>
      <li className="milestones-legend-item">
        <span className="milestones-legend-bar milestones-bar-early" aria-hidden="true" />
        {t('milestones.legendEarly')}
      </li>
      <li className="milestones-legend-item">
        <span className="milestones-legend-asof" aria-hidden="true" />
        {t('milestones.legendAsOf')}
      </li>
      <li className="milestones-legend-item">
        <span aria-hidden="true">▶</span>
        {t('milestones.legendClipped')}
      </li>
    </ul>
  );
}
