import type { CSSProperties } from 'react';
import { formatDate, type Language, useLanguage } from '../../format/language';
import { IllustrativeTag, type Milestone, MilestoneStateBadge, Slippage, type Track } from './MilestoneState';
import { addDays, type Clip, endOfMonth, place, type Span } from './timelineScale';

const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

/**
 * One track as a Gantt-like chart: a row per milestone with a ◇ at the planned date and, joined to
 * it by a bar as long as the server's slippage, a ● (done), ○ (forecast) or ▶ (not done, slippage
 * still growing at the as-of date). Dates outside the span are held at its edge and labelled.
 * The rows carry their state, slippage and dates as text; the drawing itself is decorative.
 */
export function TrackTimeline({ track, span, asOf }: { track: Track; span: Span; asOf: string }) {
  const { t, language } = useLanguage();
  const asOfPlace = place(span, endOfMonth(asOf));
  return (
    <div className="milestones-gantt">
      <div className="milestones-axis" aria-hidden="true">
        <div className="milestones-axis-scale">
          {span.ticks.map((tick) => (
            <span
              key={tick.key}
              className="milestones-tick"
              style={{ left: percent(tick.from), width: percent(tick.width) }}
            >
              {tick.label}
            </span>
          ))}
        </div>
      </div>
      <ol
        className="milestones-rows"
        aria-label={t('milestones.timelineLabel', { project: track.project.name[language] })}
      >
        {track.milestones.map((milestone) => (
          <TimelineRow key={milestone.code} milestone={milestone} span={span} />
        ))}
      </ol>
      <div className="milestones-overlay" aria-hidden="true">
        {span.ticks.map((tick) => (
          <span key={tick.key} className="milestones-gridline" style={{ left: percent(tick.from) }} />
        ))}
        {asOfPlace.clip === null && (
          <span className="milestones-asof" style={{ left: percent(asOfPlace.at) }}>
            <span className="milestones-asof-label">{t('milestones.legendAsOf')}</span>
          </span>
        )}
      </div>
    </div>
  );
}

function datesText(milestone: Milestone, language: Language, t: ReturnType<typeof useLanguage>['t']) {
  const planned = formatDate(milestone.planned, language);
  if (milestone.actual)
    return t('milestones.datesDone', { planned, actual: formatDate(milestone.actual, language) });
  if (milestone.forecast)
    return t('milestones.datesForecast', { planned, forecast: formatDate(milestone.forecast, language) });
  return t('milestones.datesPlanned', { planned });
}

type EndShape = 'done' | 'forecast' | 'counting' | null;

function endShape(milestone: Milestone): EndShape {
  if (milestone.actual) return 'done';
  if (milestone.forecast && milestone.forecast !== milestone.planned) return 'forecast';
  if (milestone.slippageDays > 0) return 'counting';
  return null;
}

function TimelineRow({ milestone, span }: { milestone: Milestone; span: Span }) {
  const { t, language } = useLanguage();
  // The bar is exactly the server's slippage long: planned + slippageDays is the done, forecast or as-of date.
  const endDate = addDays(milestone.planned, milestone.slippageDays);
  const planned = place(span, milestone.planned);
  const shape = endShape(milestone);
  const end = place(span, endDate);
  const from = Math.min(planned.at, end.at);
  const to = Math.max(planned.at, end.at);
  const tone = milestone.slippageDays > 0 ? 'late' : 'early';
  const edgeLabels: { side: Exclude<Clip, null>; date: string }[] = [];
  for (const side of ['before', 'after'] as const) {
    const dates = [
      planned.clip === side ? milestone.planned : null,
      shape && end.clip === side ? endDate : null,
    ].filter((d): d is string => d !== null);
    if (dates.length === 0) continue;
    const date = side === 'before' ? (dates.sort()[0] as string) : (dates.sort().at(-1) as string);
    edgeLabels.push({ side, date });
  }
  return (
    <li className="milestones-row" data-code={milestone.code} data-state={milestone.state}>
      <div className="milestones-label">
        <span className="milestones-name">
          {milestone.name[language]} <IllustrativeTag source={milestone.source} />
        </span>
        <span className="milestones-facts">
          <MilestoneStateBadge state={milestone.state} />
          <Slippage days={milestone.slippageDays} />
          <span className="milestones-dates">{datesText(milestone, language, t)}</span>
        </span>
      </div>
      <div className="milestones-lane" aria-hidden="true">
        {shape && to > from && (
          <span
            className={`milestones-bar milestones-bar-${tone}`}
            style={{ left: percent(from), width: percent(to - from) }}
          />
        )}
        {planned.clip === null && (
          <span className="milestones-marker milestones-marker-planned" style={markerAt(planned.at)} />
        )}
        {shape && end.clip === null && (
          <span className={`milestones-marker milestones-marker-${shape}`} style={markerAt(end.at)} />
        )}
        {edgeLabels.map(({ side, date }) => (
          <span key={side} className={`milestones-edge milestones-edge-${side}`}>
            {side === 'before' ? `◀ ${formatDate(date, language)}` : `${formatDate(date, language)} ▶`}
          </span>
        ))}
      </div>
    </li>
  );
}

function markerAt(at: number): CSSProperties {
  return { left: percent(at) };
}
