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

export type MeasurementStatus = 'pending' | 'approved' | 'returned' | 'superseded';

/**
 * A reported value. Only `approved` values count in the figures; `pending` ones wait for an
 * approver; `returned` ones were sent back with a reason; `superseded` ones were replaced by a later
 * approved value for the same period.
 */
export interface MeasurementTable {
  id: Generated<number>;
  indicator_id: number;
  period: string;
  value: number;
  note: string | null;
  source: string;
  evidence_url: Generated<string | null>;
  status: Generated<MeasurementStatus>;
  /** Who entered the value, as shown: a user's name, or `seed` for the demonstration data. */
  entered_by: string;
  entered_by_user_id: Generated<number | null>;
  entered_at: string;
  reviewed_by_user_id: Generated<number | null>;
  reviewed_at: Generated<string | null>;
  review_reason: Generated<string | null>;
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

export type Role = 'admin' | 'executive' | 'approver' | 'bureau_head' | 'analyst';

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** scrypt, with its parameters and salt: see packages/api/src/auth/password.ts. */
  password_hash: string;
  role: Role;
  /** The department a bureau head belongs to; null for every other role. */
  department_id: number | null;
  demo_password: Generated<number>;
  created_at: string;
  disabled_at: Generated<string | null>;
}

export interface SessionTable {
  /** SHA-256 of the cookie's secret. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: Generated<string | null>;
  revoked_at: Generated<string | null>;
}

export interface SignInAttemptTable {
  id: Generated<number>;
  key: string;
  at: string;
  succeeded: number;
}

/** A browser a user has signed in from; see packages/api/src/auth/sign-in.ts. */
export interface SignInDeviceTable {
  /** SHA-256 of the device cookie's secret. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

/** A column mapping chosen for a sheet layout, remembered for its owner's next upload. */
export interface ImportLayoutTable {
  id: Generated<number>;
  /** `department:<id>` or `user:<id>`. */
  owner: string;
  fingerprint: string;
  header_row: number;
  /** JSON. */
  mapping: string;
  chosen_by: number;
  chosen_at: string;
}

/** Append-only: the database refuses updates and deletes. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  indicator_id: number | null;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
}

export type StatusColumn = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

/**
 * An indicator's figures at one as-of month of its plan year, as packages/core computed them when
 * the data last changed (see packages/db/src/figures/). Derived: never edited by hand; `pnpm cli
 * figures rebuild` recomputes them all.
 */
export interface IndicatorFiguresTable {
  indicator_id: number;
  month: number;
  /** Where the indicator sits (migration 0006), for pages read from this table alone. */
  plan_id: number;
  sector_id: number;
  department_id: number;
  headline: number;
  /** Plan order as sortable text (figures/place.ts). */
  place: string;
  actual_to_date: number | null;
  target_to_date: number;
  attainment: number | null;
  status: StatusColumn;
  forecast_year_end: number | null;
  /** 1 or 0; null without a forecast. */
  forecast_meets_target: number | null;
  run_rate_needed: number | null;
  last_period: string | null;
  periods_due: number;
  periods_reported: number;
  annual_target: number;
  /** JSON: see figures/series.ts. */
  series: string;
}

/**
 * A plan's stored figures as a whole: which version of the indicator rules built them
 * (figures/version.ts), and the latest month of the plan year with an approved value.
 */
/** What a group of indicators adds up to at an as-of month (migration 0006; 0 = every sector/department). */
export interface RollupFiguresTable {
  plan_id: number;
  month: number;
  sector_id: number;
  department_id: number;
  score_weighted: number;
  score_weights: number;
  on_track: number;
  at_risk: number;
  off_track: number;
  no_data: number;
  indicator_count: number;
  unreported_count: number;
  last_period: string | null;
}

/** A project's milestone track at an as-of month (migration 0006). */
export interface TrackFiguresTable {
  project_id: number;
  month: number;
  plan_id: number;
  sector_id: number;
  sector_position: number;
  department_id: number;
  milestone_count: number;
  done_count: number;
  overdue_count: number;
  slipping_count: number;
  progress: number | null;
  planned_progress: number | null;
  attainment: number | null;
  max_slippage_days: number;
}

export interface PlanFiguresTable {
  plan_id: number;
  rules_version: number;
  built_at: string;
  /** The last month (1–12) of the latest period with an approved value; null when none has one. */
  latest_month: number | null;
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
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  sign_in_attempts: SignInAttemptTable;
  sign_in_devices: SignInDeviceTable;
  import_layouts: ImportLayoutTable;
  audit_log: AuditLogTable;
  indicator_figures: IndicatorFiguresTable;
  plan_figures: PlanFiguresTable;
  rollup_figures: RollupFiguresTable;
  track_figures: TrackFiguresTable;
}

export type Indicator = Selectable<IndicatorTable>;
export type NewIndicator = Insertable<IndicatorTable>;
export type Milestone = Selectable<MilestoneTable>;
export type Measurement = Selectable<MeasurementTable>;
export type User = Selectable<UserTable>;
export type AuditEntry = Selectable<AuditLogTable>;
