/**
 * The database's tables as Kysely sees them: the one source of table types.
 * Columns the database fills in (ids, defaults) are `Generated`.
 */

import type { Generated, Insertable, Selectable } from 'kysely';

export interface PlanTable {
  id: Generated<number>;
  year: number;
  name_ko: string;
  name_en: string;
  core_goal_ko: string;
  core_goal_en: string;
  source: string;
}

export interface PlanGoalTable {
  id: Generated<number>;
  plan_id: number;
  position: number;
  name_ko: string;
  name_en: string;
}

export interface DepartmentTable {
  id: Generated<number>;
  code: string;
  name_ko: string;
  name_en: string;
}

export interface SectorTable {
  id: Generated<number>;
  plan_id: number;
  code: string;
  position: number;
  name_ko: string;
  name_en: string;
  goal_ko: string;
  goal_en: string;
}

export interface StrategyTable {
  id: Generated<number>;
  sector_id: number;
  code: string;
  position: number;
  name_ko: string;
  name_en: string;
}

export interface ProjectTable {
  id: Generated<number>;
  strategy_id: number;
  code: string;
  position: number;
  name_ko: string;
  name_en: string;
  department_id: number;
}

export type DirectionColumn = 'increase' | 'decrease';
export type AggregationColumn = 'sum' | 'last' | 'average' | 'milestones';
export type FrequencyColumn = 'monthly' | 'quarterly' | 'annual';

export interface IndicatorTable {
  id: Generated<number>;
  project_id: number;
  department_id: number;
  code: string;
  position: number;
  name_ko: string;
  name_en: string;
  unit: string;
  direction: DirectionColumn;
  aggregation: AggregationColumn;
  frequency: FrequencyColumn;
  baseline_value: number | null;
  baseline_year: number | null;
  weight: number;
  /** Per-indicator status thresholds (fractions); null means the defaults. */
  on_track_threshold: number | null;
  at_risk_threshold: number | null;
  headline: number;
  source: string;
}

/** `annual` rows hold the year's target (period `2024`); `interim` rows targets to date at a period's end. */
export interface TargetTable {
  id: Generated<number>;
  indicator_id: number;
  period: string;
  kind: 'annual' | 'interim';
  value: number;
}

export interface MeasurementTable {
  id: Generated<number>;
  indicator_id: number;
  period: string;
  value: number;
  note: string | null;
  source: string;
  /** Who entered the value: `seed` for the demonstration data until accounts exist. */
  entered_by: string;
  entered_at: string;
}

export interface MilestoneTable {
  id: Generated<number>;
  project_id: number;
  department_id: number;
  code: string;
  position: number;
  name_ko: string;
  name_en: string;
  planned_date: string;
  forecast_date: string | null;
  actual_date: string | null;
  weight: number;
  /** Lifecycle set by people, not computed: `active` or `cancelled`. Progress is computed by core. */
  status: 'active' | 'cancelled';
  note: string | null;
  source: string;
}

export interface Database {
  plans: PlanTable;
  plan_goals: PlanGoalTable;
  departments: DepartmentTable;
  sectors: SectorTable;
  strategies: StrategyTable;
  projects: ProjectTable;
  indicators: IndicatorTable;
  targets: TargetTable;
  measurements: MeasurementTable;
  milestones: MilestoneTable;
}

export type Indicator = Selectable<IndicatorTable>;
export type NewIndicator = Insertable<IndicatorTable>;
export type Milestone = Selectable<MilestoneTable>;
export type Measurement = Selectable<MeasurementTable>;
