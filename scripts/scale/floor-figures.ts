/**
 * The floor's indicator figures in SQL: for each indicator in scope and each month asked for, the
 * actual-to-date (sum, latest or mean of the approved values so far; for milestone indicators the
 * weight done over the weight planned), the target-to-date (pro-rated sum, straight path for levels,
 * the target for averages), attainment and status. It follows core's rules closely enough to do the
 * same work (every approved value read, every indicator judged), which is what a floor must do; it is
 * not a second source of truth and nothing but the bench reads it. The generated plans report
 * monthly, so a period compares as text with the as-of month.
 */

export interface FigureScope {
  sector?: boolean;
  department?: boolean;
  indicator?: boolean;
  /** Months 1…:month (the history), rather than the as-of month alone. */
  everyMonth?: boolean;
}

/**
 * `with … att as (…)`: one row per indicator and month `k`, with the indicator's place (sector,
 * positions, department), `actual`, `target_to_date`, `att` (attainment), `status`, `n` (values
 * reported) and `last_period`. Parameters: :plan, :year, :month, and :sector / :department /
 * :indicator as the scope says.
 */
export function figuresCte(scope: FigureScope = {}): string {
  const where = [
    'sec.plan_id = :plan',
    scope.sector ? 'sec.code = :sector' : null,
    scope.department ? 'd.code = :department' : null,
    scope.indicator ? 'i.code = :indicator' : null,
  ].filter(Boolean);
  const months = scope.everyMonth
    ? 'months(k) as (select 1 union all select k + 1 from months where k < :month)'
    : 'months(k) as (select :month)';
  return `with recursive ${months},
  bounds as materialized (
    select k, printf('%d-%02d', :year, k) as period, date(printf('%d-%02d-01', :year, k), '+1 month', '-1 day') as day
    from months),
  ind as materialized (
    select i.id, i.code, i.name_ko, i.name_en, i.unit, i.direction, i.aggregation, i.weight, i.headline,
      i.baseline_value as baseline, i.project_id, i.position,
      coalesce(i.on_track_threshold, 0.95) as on_track, coalesce(i.at_risk_threshold, 0.8) as at_risk,
      sec.code as sector, sec.name_ko as sector_ko, sec.name_en as sector_en, sec.position as sector_position,
      st.position as strategy_position, p.position as project_position, p.code as project,
      d.code as department, d.name_ko as department_ko, d.name_en as department_en, t.value as target
    from indicators i
    join projects p on p.id = i.project_id
    join strategies st on st.id = p.strategy_id
    join sectors sec on sec.id = st.sector_id
    join departments d on d.id = i.department_id
    left join targets t on t.indicator_id = i.id and t.kind = 'annual'
    where ${where.join(' and ')}),
  got as materialized (
    -- SQLite's bare column beside max(): value is the latest period's value.
    select b.k, m.indicator_id, sum(m.value) as total, avg(m.value) as mean, count(*) as n,
      max(m.period) as last_period, m.value as latest
    -- CROSS JOIN keeps this order: the indicators in scope drive the index on their values.
    from ind cross join measurements m cross join bounds b
    where m.indicator_id = ind.id and m.status = 'approved' and m.period <= b.period
    group by b.k, m.indicator_id),
  track as materialized (
    select b.k, ms.project_id,
      sum(case when ms.actual_date <= b.day then ms.weight else 0 end) as done,
      sum(case when ms.planned_date <= b.day then ms.weight else 0 end) as planned
    from (select distinct project_id from ind where aggregation = 'milestones') tp
    cross join milestones ms cross join bounds b
    where ms.project_id = tp.project_id and ms.status = 'active'
    group by b.k, ms.project_id),
  fig as (
    select ind.*, b.k, got.n, got.last_period,
      case ind.aggregation when 'sum' then got.total when 'last' then got.latest when 'average' then got.mean
        else track.done / nullif(track.planned, 0) end as actual,
      case ind.aggregation when 'sum' then ind.target * b.k / 12.0
        when 'last' then coalesce(ind.baseline, 0) + (ind.target - coalesce(ind.baseline, 0)) * b.k / 12.0
        when 'average' then ind.target else 1 end as target_to_date
    from ind join bounds b
    left join got on got.indicator_id = ind.id and got.k = b.k
    left join track on track.project_id = ind.project_id and track.k = b.k and ind.aggregation = 'milestones'),
  judged as (
    select fig.*, case
      when actual is null then null
      when aggregation = 'last' and baseline is not null and target_to_date <> baseline
        then max(0, (actual - baseline) / (target_to_date - baseline))
      when direction = 'increase' then actual / nullif(target_to_date, 0)
      else target_to_date / nullif(actual, 0) end as att
    from fig),
  att as materialized (
    select judged.*, case when att is null then 'no_data' when att >= on_track then 'on_track'
      when att >= at_risk then 'at_risk' else 'off_track' end as status
    from judged)`;
}

/** A rollup's columns over `att` rows: score (capped, weighted, over indicators with data) and counts. */
export const ROLLUP = `json_object(
    'score', sum(min(att, 1) * weight) filter (where att is not null) / sum(weight) filter (where att is not null),
    'indicators', count(*),
    'on_track', count(*) filter (where status = 'on_track'),
    'at_risk', count(*) filter (where status = 'at_risk'),
    'off_track', count(*) filter (where status = 'off_track'),
    'no_data', count(*) filter (where status = 'no_data'),
    'last_period', max(last_period))`;

/** One indicator's row as a list shows it. */
export const INDICATOR_ROW = `json_object('code', code, 'name', json_object('ko', name_ko, 'en', name_en),
    'unit', unit, 'sector', sector, 'project', project, 'department', department, 'weight', weight,
    'actual', actual, 'target_to_date', target_to_date, 'target', target, 'attainment', att, 'status', status,
    'last_period', last_period)`;

/** Plan order, as every list of indicators is sorted. */
export const PLAN_ORDER = 'sector_position, strategy_position, project_position, position';

/**
 * Milestones with their state and slippage at the as-of date (`tracks` CTE addition): `done` when
 * the actual date is by then, else `overdue` when the planned date has passed, else `upcoming`.
 * Parameters: :asOfDate.
 */
export const MILESTONE_STATE = `
    case when ms.actual_date is not null and ms.actual_date <= :asOfDate then 'done'
      when ms.planned_date < :asOfDate then 'overdue' else 'upcoming' end as state,
    cast(julianday(case when ms.actual_date is not null and ms.actual_date <= :asOfDate then ms.actual_date
      else coalesce(ms.forecast_date, max(ms.planned_date, :asOfDate)) end) - julianday(ms.planned_date) as integer) as slippage`;
