/**
 * The floor of each screen: one SQL statement that computes, from the stored values, the figures
 * the screen shows — rollups over every indicator in scope, and the items a screen shows at once
 * (the first 50 of a list, the top 10 of an overview's list) — and returns them as one JSON document,
 * so that serialising is part of the floor too. A screen answering within a small multiple of its
 * floor does no work the screen does not need.
 */

import { figuresCte, INDICATOR_ROW, MILESTONE_STATE, PLAN_ORDER, ROLLUP } from './floor-figures.js';

/** A list's first page, and an overview's "top few". */
const PAGE = 50;
const TOP = 10;

/** Milestones of the plan (optionally one sector's or department's) with their state at :asOfDate. */
function milestonesIn(scope: 'plan' | 'sector' | 'department'): string {
  const filter = { plan: '', sector: 'and sec.code = :sector', department: 'and d.code = :department' }[
    scope
  ];
  return `(select ms.*, p.code as project, sec.code as sector, d.code as department, ${MILESTONE_STATE}
    from milestones ms join projects p on p.id = ms.project_id join strategies st on st.id = p.strategy_id
    join sectors sec on sec.id = st.sector_id join departments d on d.id = ms.department_id
    where sec.plan_id = :plan and ms.status = 'active' ${filter})`;
}

/** Tracks (milestones grouped by project) with counts, progress and worst slippage. */
function tracksCte(scope: 'plan' | 'sector' | 'department'): string {
  return `, tracks as materialized (
    select project, sector, count(*) as milestones, count(*) filter (where state = 'done') as done,
      count(*) filter (where state = 'overdue') as overdue,
      sum(weight) filter (where state = 'done') / sum(weight) as progress, max(slippage) as slippage,
      json_group_array(json_object('code', code, 'name', name_ko, 'planned', planned_date, 'state', state,
        'slippage', slippage)) as list
    from ${milestonesIn(scope)} group by project)`;
}

const TRACK_ROW = `json_object('project', project, 'milestones', milestones, 'done', done, 'overdue', overdue,
  'progress', progress, 'slippage', slippage)`;

export const FLOORS: Record<string, string> = {
  overview: `${figuresCte()}${tracksCte('plan')}
    select json_object(
      'plan', json((select ${ROLLUP} from att)),
      'sectors', json((select json_group_array(json(r)) from (
        select json_object('code', sector, 'name', json_object('ko', sector_ko, 'en', sector_en), 'rollup', json(${ROLLUP})) as r
        from att group by sector order by min(sector_position)))),
      'headlines', json((select json_group_array(json(${INDICATOR_ROW})) from (
        select *, row_number() over (partition by sector order by ${PLAN_ORDER}) as rank from att where headline = 1)
        where rank <= 3)),
      'offTrack', json((select json_group_array(json(${INDICATOR_ROW})) from (
        select * from att where status = 'off_track' order by att limit ${TOP}))),
      'offTrackCount', (select count(*) from att where status = 'off_track'),
      'tracks', json((select json_group_array(json(${TRACK_ROW})) from (
        select * from tracks order by slippage desc limit ${TOP}))),
      'trackCount', (select count(*) from tracks)) as answer`,

  sector: `${figuresCte({ sector: true })}${tracksCte('sector')}
    select json_object(
      'rollup', json((select ${ROLLUP} from att)),
      'indicators', json((select json_group_array(json(${INDICATOR_ROW})) from (
        select * from att order by ${PLAN_ORDER} limit ${PAGE}))),
      'tracks', json((select json_group_array(json(${TRACK_ROW})) from (
        select * from tracks order by slippage desc limit ${TOP})))) as answer`,

  history: `${figuresCte({ sector: true, everyMonth: true })}
    select json_group_array(json(r)) as answer from (
      select json_object('month', k, 'rollup', json(${ROLLUP})) as r from att group by k order by k)`,

  indicatorList: `${figuresCte()}
    select json_object(
      'rollup', json((select ${ROLLUP} from att)),
      'indicators', json((select json_group_array(json(${INDICATOR_ROW})) from (
        select * from att order by ${PLAN_ORDER} limit ${PAGE})))) as answer`,

  indicatorDetail: `${figuresCte({ indicator: true, everyMonth: true })}
    select json_object(
      'indicator', json((select ${INDICATOR_ROW} from att where k = :month)),
      'series', json((select json_group_array(json_object('month', k, 'actual', actual, 'target', target_to_date))
        from (select * from att order by k))),
      'values', json((select json_group_array(json_object('period', m.period, 'value', m.value, 'status', m.status,
        'note', m.note, 'entered_by', m.entered_by, 'entered_at', m.entered_at, 'reason', m.review_reason))
        from measurements m where m.indicator_id = (select id from ind) order by m.period, m.id)),
      'interim', json((select json_group_array(json_object('period', period, 'value', value))
        from targets where indicator_id = (select id from ind) and kind = 'interim'))) as answer`,

  milestones: `with ${tracksCte('plan').slice(2)}
    select json_object('trackCount', (select count(*) from tracks),
      'tracks', json((select json_group_array(json_object('project', project, 'sector', sector, 'milestones', json(list)))
        from (select * from tracks order by sector, project limit ${PAGE})))) as answer`,

  departments: `${figuresCte()}
    select json_group_array(json(r)) as answer from (
      select json_object('code', department, 'name', json_object('ko', department_ko, 'en', department_en),
        'rollup', json(${ROLLUP}),
        'unreported', count(*) filter (where aggregation <> 'milestones' and coalesce(n, 0) < :month)) as r
      from att group by department order by department)`,

  department: `${figuresCte({ department: true })}${tracksCte('department')}
    select json_object(
      'rollup', json((select ${ROLLUP} from att)),
      'indicators', json((select json_group_array(json(${INDICATOR_ROW})) from (
        select * from att order by ${PLAN_ORDER} limit ${PAGE}))),
      'unreported', json((select json_group_array(code) from att
        where aggregation <> 'milestones' and coalesce(n, 0) < :month)),
      'tracks', json((select json_group_array(json(${TRACK_ROW})) from tracks))) as answer`,
};

export type FloorName = keyof typeof FLOORS;
