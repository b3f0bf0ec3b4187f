/**
 * The database's tables as Kysely sees them: the one source of table types.
 * Columns the database fills in (ids, defaults) are `Generated`.
 */

import type { Generated, Insertable, Selectable } from 'kysely';

export type OrganisationKind = 'metropolitan' | 'district';

/**
 * A city government that runs its own plan: a metropolitan city, or one of its districts (구·군).
 * It owns its plans, departments and users; every query is scoped by it.
 */
export interface OrganisationTable {
  id: Generated<number>;
  code: string;
  name_ko: string;
  name_en: string;
  kind: OrganisationKind;
  /** The metropolitan city a district belongs to; null for a metropolitan city. */
  parent_id: number | null;
}

/** A plan of an organisation's year: one per organisation and year. */
export interface PlanTable {
  id: Generated<number>;
  organisation_id: number;
  year: number;
  name_ko: string;
  name_en: string;
  core_goal_ko: string;
  core_goal_en: string;
  source: string;
  /** A draft until the planning office confirms it (migration 0009); plans loaded before were confirmed. */
  status: Generated<PlanStatus>;
  confirmed_at: Generated<string | null>;
  confirmed_by_user_id: Generated<number | null>;
  /** Working days after a period ends until its report is due (migration 0011; core's reporting calendar). */
  report_due_working_days: Generated<number>;
}

export type PlanStatus = 'draft' | 'confirmed';

export interface PlanGoalTable {
  id: Generated<number>;
  plan_id: number;
  position: number;
  name_ko: string;
  name_en: string;
}

/** Codes are unique within an organisation. */
export interface DepartmentTable {
  id: Generated<number>;
  organisation_id: number;
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
  /** Retired things stay with their history and count in no figure (migration 0009). */
  retired_at: Generated<string | null>;
}

export interface StrategyTable {
  id: Generated<number>;
  sector_id: number;
  code: string;
  position: number;
  name_ko: string;
  name_en: string;
  /** Retired things stay with their history and count in no figure (migration 0009). */
  retired_at: Generated<string | null>;
}

export interface ProjectTable {
  id: Generated<number>;
  strategy_id: number;
  code: string;
  position: number;
  name_ko: string;
  name_en: string;
  department_id: number;
  /** Retired things stay with their history and count in no figure (migration 0009). */
  retired_at: Generated<string | null>;
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
  /** What the indicator measures, how it is computed and where its values come from (지표 정의·산식·자료 출처). */
  definition_ko: Generated<string | null>;
  definition_en: Generated<string | null>;
  formula_ko: Generated<string | null>;
  formula_en: Generated<string | null>;
  data_source_ko: Generated<string | null>;
  data_source_en: Generated<string | null>;
  /** Retired indicators stay with their values and count in no figure (migration 0009). */
  retired_at: Generated<string | null>;
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
  /** The writer's cause analysis (원인 분석) and next steps (향후 대책), approved with the value (migration 0012). */
  analysis: Generated<string | null>;
  next_steps: Generated<string | null>;
  /** 1: the public view shows the commentary once the value is approved. */
  commentary_public: Generated<number>;
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
  /** Retired milestones stay with their dates and count in no track (migration 0009). */
  retired_at: Generated<string | null>;
}

export type DecisionState = 'pending' | 'approved' | 'rejected';

/**
 * A change of a confirmed plan's target: the original is kept beside the revised value, with the
 * reason; once approved, the revised value is the target the figures are computed against.
 */
export interface TargetRevisionTable {
  id: Generated<number>;
  indicator_id: number;
  period: string;
  kind: 'annual' | 'interim';
  original_value: number;
  revised_value: number;
  reason: string;
  state: Generated<DecisionState>;
  proposed_by_user_id: number;
  proposed_by: string;
  proposed_at: string;
  decided_by_user_id: Generated<number | null>;
  decided_by: Generated<string | null>;
  decided_at: Generated<string | null>;
  decision_reason: Generated<string | null>;
}

/** A bureau head's change to the plan for their own department, waiting for the planning office. */
export interface PlanChangeTable {
  id: Generated<number>;
  plan_id: number;
  department_id: number;
  /** The plan editor's operation (planning/changes.ts) and its input as JSON. */
  operation: string;
  payload: string;
  reason: string;
  state: Generated<DecisionState>;
  proposed_by_user_id: number;
  proposed_by: string;
  proposed_at: string;
  decided_by_user_id: Generated<number | null>;
  decided_by: Generated<string | null>;
  decided_at: Generated<string | null>;
  decision_reason: Generated<string | null>;
}

export type ActionState = 'planned' | 'in_progress' | 'done' | 'dropped';

/** A corrective action for a slipping indicator, owned by a department (migration 0012). */
export interface CorrectiveActionTable {
  id: Generated<number>;
  indicator_id: number;
  department_id: number;
  title: string;
  due_date: string;
  state: Generated<ActionState>;
  /** Required when dropped. */
  drop_reason: Generated<string | null>;
  created_by_user_id: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** `proposed`: an assigned department says it is done; only the planning office makes it `done`. */
export type DirectiveState = 'open' | 'in_progress' | 'proposed' | 'done';

/** A directive (지시사항) given at a report meeting, with where it points (migration 0012). */
export interface DirectiveTable {
  id: Generated<number>;
  plan_id: number;
  sector_id: number;
  project_id: number | null;
  indicator_id: number | null;
  meeting_date: string;
  meeting_name: string;
  content: string;
  due_date: string;
  state: Generated<DirectiveState>;
  recorded_by_user_id: number;
  recorded_by: string;
  recorded_at: string;
  proposed_at: Generated<string | null>;
  completed_at: Generated<string | null>;
}

export interface DirectiveDepartmentTable {
  directive_id: number;
  department_id: number;
}

/** A progress report on a directive or on a corrective action (exactly one of the two). */
export interface ProgressNoteTable {
  id: Generated<number>;
  directive_id: number | null;
  action_id: number | null;
  department_id: number | null;
  note: string;
  written_by_user_id: number;
  written_by: string;
  written_at: string;
}

export type Role = 'admin' | 'executive' | 'approver' | 'bureau_head' | 'analyst';

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** scrypt, with its parameters and salt: see packages/api/src/auth/password.ts. */
  password_hash: string;
  role: Role;
  /** Usernames are unique across organisations (a sign-in names only the user). */
  organisation_id: number;
  /** The department a bureau head belongs to (of the user's organisation); null for every other role. */
  department_id: number | null;
  demo_password: Generated<number>;
  created_at: string;
  disabled_at: Generated<string | null>;
  /** Where reminders and digests go (migration 0011); null sends none. */
  email: Generated<string | null>;
  /** The language of the user's email. */
  language: Generated<Language>;
  /** Whether the user wants email at all (migration 0014): 0 sends none, even with an address. */
  mail_wanted: Generated<number>;
}

export type Language = 'ko' | 'en';

/**
 * A message waiting to be sent, or sent (migration 0011). Written in the transaction of the event
 * that causes it; a scheduler claims it with a lease (`lease_owner` until `lease_until`), sends it and
 * marks it `sent_at`; a failure puts it back for `next_attempt_at`; a refusal by the mail server
 * (5xx) or an age past sending marks it `failed_at`.
 */
export interface MailOutboxTable {
  id: Generated<number>;
  key: string;
  kind: string;
  user_id: number;
  to_address: string;
  subject: string;
  body: string;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_owner: Generated<string | null>;
  lease_until: Generated<string | null>;
  sent_at: Generated<string | null>;
  failed_at: Generated<string | null>;
  last_error: Generated<string | null>;
}

/** A reminder enqueued: once per user, indicator, period and kind. */
export interface MailReminderTable {
  user_id: number;
  indicator_id: number;
  period: string;
  kind: 'due_soon' | 'overdue';
  outbox_id: number;
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
  /** Whose entry it is; null on entries written before organisations, which are the first organisation's. */
  organisation_id: number | null;
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

/** One row, raised by triggers in every transaction that writes what an answer reads (migration 0008). */
export interface DataVersionTable {
  id: number;
  /** A bigint: PostgreSQL hands it over as text. */
  version: number | string;
}

export interface Database {
  organisations: OrganisationTable;
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
  data_version: DataVersionTable;
  target_revisions: TargetRevisionTable;
  plan_changes: PlanChangeTable;
  mail_outbox: MailOutboxTable;
  mail_reminders: MailReminderTable;
  corrective_actions: CorrectiveActionTable;
  directives: DirectiveTable;
  directive_departments: DirectiveDepartmentTable;
  progress_notes: ProgressNoteTable;
}

export type Indicator = Selectable<IndicatorTable>;
export type NewIndicator = Insertable<IndicatorTable>;
export type Milestone = Selectable<MilestoneTable>;
export type Measurement = Selectable<MeasurementTable>;
export type User = Selectable<UserTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Organisation = Selectable<OrganisationTable>;
