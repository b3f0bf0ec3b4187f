/**
 * What can be wrong with a reported value or an imported row: a code and its parameters (for the
 * web app to say in Korean or English through i18n, keys `problems.<code>`), and the English
 * sentence for scripts, the CLI and logs. One table, so the two never drift.
 */

import { TRPCError } from '@trpc/server';

type Params = Record<string, string | number>;

const ENGLISH = {
  unknown_indicator: (p: Params) => `"${p.value}" is not an indicator of the ${p.year} plan`,
  unknown_indicator_by_name: (p: Params) =>
    `"${p.value}" is not an indicator of the ${p.year} plan (Korean or English name)`,
  empty_indicator: () => 'the indicator is empty',
  not_yours: (p: Params) =>
    `${p.code} belongs to ${p.department}; you may report only your own department's indicators`,
  measured_by_milestones: (p: Params) =>
    `${p.code} is measured by its milestones; record milestone dates instead`,
  bad_period: (p: Params) =>
    `"${p.value}" is not a period (write 2024-03, 2024.03, 202403, 2024년 3월 or 2024-Q1)`,
  wrong_frequency: (p: Params) =>
    `${p.code} is reported ${p.frequency}; "${p.value}" is a ${p.periodFrequency} period`,
  outside_year: (p: Params) => `"${p.value}" is outside the plan year ${p.year}`,
  not_ended: (p: Params) => `"${p.value}" has not ended yet`,
  not_a_number: (p: Params) => (p.value === '' ? 'the value is empty' : `"${p.value}" is not a number`),
  not_whole: (p: Params) => `${p.value} must be a whole number for this unit (${p.unit})`,
  below_zero: (p: Params) => `${p.value} must not be negative (${p.unit})`,
  above_hundred: (p: Params) => `${p.value} is a percentage and must be at most 100 (${p.unit})`,
  above_maximum: (p: Params) =>
    `${p.value} is more than a value in ${p.unit} can plausibly be (at most ${p.max}); check the unit`,
  below_one: (p: Params) => `${p.value} is a rank and must be at least 1 (${p.unit})`,
  bad_evidence: () => 'must be a web address starting with http:// or https://',
  duplicate_row: (p: Params) => `${p.key} is also in row ${p.row}`,
  duplicate_line: (p: Params) => `${p.key} is also on line ${p.line}`,
  text_too_long: (p: Params) => `${p.length} characters; at most ${p.max} are allowed`,
  text_forbidden_character: (p: Params) =>
    `character ${p.position} is an invisible control or direction-changing character (${p.character}); remove it`,
  // Refusals of a request as a whole (authorisation, limits, storage).
  sign_in_required: () => 'Sign in to do this.',
  no_permission_declared: () => 'This action declares no permission and is refused.',
  token_not_permitted: (p: Params) => `An API token may not do this (needs "${p.permission}").`,
  role_not_permitted: (p: Params) => `The ${p.role} role may not do this (needs "${p.permission}").`,
  // Accounts and tokens.
  password_too_short: (p: Params) => `The password must have at least ${p.min} characters.`,
  department_only_for_bureau_head: () => 'Only a bureau head belongs to a department.',
  department_required: () => 'A bureau head needs a department.',
  username_format: () => 'A username has 2–32 lowercase letters, digits, dots or hyphens.',
  username_taken: (p: Params) => `The username "${p.username}" is taken.`,
  own_account: () => 'You cannot change your own role or disable yourself; ask another admin.',
  no_such_user: (p: Params) => `There is no user "${p.username}".`,
  no_such_token: (p: Params) => `There is no token #${p.id} of yours.`,
  token_already_revoked: (p: Params) => `Token #${p.id} is already revoked.`,
  // Things asked for that do not exist.
  no_such_plan: (p: Params) => `There is no plan for ${p.year}. Plans: ${p.years || 'none'}.`,
  as_of_outside_plan: (p: Params) =>
    `asOf ${p.asOf} is outside the ${p.year} plan; choose a month from ${p.year}-01 to ${p.year}-12.`,
  no_such_sector: (p: Params) =>
    `There is no sector "${p.code}" in the ${p.year} plan. Sectors: ${p.sectors}.`,
  no_such_indicator: (p: Params) => `There is no indicator "${p.code}" in the ${p.year} plan.`,
  no_such_department: (p: Params) => `There is no department "${p.code}".`,
  no_such_milestone: (p: Params) => `There is no milestone "${p.code}".`,
  // Reporting and approval.
  entries_not_yours: (p: Params) =>
    `You may report only your own department's indicators; not yours: ${p.codes}. ${p.code} belongs to ${p.department}.`,
  milestone_not_yours: (p: Params) => `${p.code} belongs to another department.`,
  actual_date_in_future: (p: Params) => `actualDate ${p.date} is in the future; use forecastDate.`,
  no_pending_value: (p: Params) => `There is no pending value #${p.id} (it may have been reviewed already).`,
  self_approval: () => 'A value must be approved by someone other than the person who entered it.',
  csrf_missing: () =>
    'The request lacks this session’s CSRF token (X-CSRF-Token header); reload the page and try again.',
  sign_in_failed: () => 'The username or password is not correct.',
  sign_in_throttled: (p: Params) =>
    Number(p.seconds) < 120
      ? `Too many failed sign-ins from here. Wait ${p.seconds} seconds and try again.`
      : `Too many failed sign-ins from here. Wait ${Math.ceil(Number(p.seconds) / 60)} minutes and try again.`,
  sign_in_busy: (p: Params) =>
    `Too many sign-ins are being checked right now, or one from here already is. Wait ${p.seconds} seconds and try again.`,
  export_busy: (p: Params) =>
    `${p.running} exports are already running, the most at once; try again in ${p.seconds} seconds.`,
  storage_unavailable: (p: Params) =>
    `The database cannot be written right now (${p.reason}); nothing was saved. Try again later, and tell the administrator if it persists.`,
  // Requests the server cannot read (see apps/server/src/requests.ts).
  body_too_large: (p: Params) => `The request is larger than this address accepts (${p.limit}).`,
  file_too_large: (p: Params) =>
    `The file is larger than ${p.limit}, the limit. Split it by department or by quarter.`,
  body_malformed: () => 'The request body is not valid JSON in UTF-8.',
  body_encoding_unsupported: (p: Params) =>
    `The request body is compressed (${p.encoding}); send it uncompressed.`,
  request_incomplete: () => 'The request ended before its body was complete.',
  request_malformed: () => 'The request could not be read.',
  url_too_long: (p: Params) => `The address is longer than ${p.limit} characters.`,
  url_malformed: () => 'The address has a malformed %-escape (not UTF-8).',
  no_such_route: () => 'No such API route.',
  invalid_parameter: (p: Params) => `${p.field}: ${p.reason}`,
  needs_permission: (p: Params) => `Your account may not do this (needs "${p.permission}").`,
  sign_in_or_token: () => 'Sign in, or send Authorization: Bearer <token>.',
  internal_error: () => 'Internal error; see the server log.',
} satisfies Record<string, (p: Params) => string>;

export type ProblemCode = keyof typeof ENGLISH;

export interface Problem {
  code: ProblemCode;
  params: Params;
  /** The English sentence. */
  message: string;
}

export function problem(code: ProblemCode, params: Params = {}): Problem {
  return { code, params, message: ENGLISH[code](params) };
}

/**
 * A refusal the server sends: the problem travels as its code and parameters (the reader's language
 * says it, keys `problems.<code>` in the web app) with the English sentence for scripts and logs.
 * Thrown as the `cause` of a TRPCError (see `refuse`), it reaches the client as `error.data.problem`;
 * the HTTP routes send the same shape as `{ error, problem }`.
 */
export class Refusal extends Error {
  readonly problem: Problem;
  constructor(code: ProblemCode, params: Params = {}) {
    const found = problem(code, params);
    super(found.message);
    this.name = 'Refusal';
    this.problem = found;
  }
}

/**
 * A refusal for a procedure or a service: the tRPC code (its HTTP status) and the problem the reader
 * is told, as a code with parameters (`error.data.problem` on the client).
 */
export function refuse(code: TRPCError['code'], problemCode: ProblemCode, params: Params = {}): TRPCError {
  const cause = new Refusal(problemCode, params);
  return new TRPCError({ code, message: cause.message, cause });
}

/** The body an HTTP route sends for a refusal: the English sentence and the problem to translate. */
export function refusalBody(refusal: Refusal) {
  const { code, params, message } = refusal.problem;
  return { error: message, problem: { code, params } };
}
