/**
 * The plan editor's refusals of data: every problem found in one pass, each with the field it is
 * in (as data entry says each with its row and field), worded from problem-sentences.ts.
 */

import {
  type Frequency,
  formatPeriod,
  isUnit,
  parsePeriod,
  UNITS,
  unitRange,
  valueProblem,
} from '@tangible/core';
import { type Problem, problem } from '../problems.js';
import type { IndicatorFields } from './inputs.js';

export interface PlanFieldError extends Problem {
  /** The input's field the problem is in: `code`, `project`, `interimTargets.2.period`, … */
  field: string;
}

/** Thrown when an edit is refused for its data; carries every problem with its field. */
export class PlanValidationError extends Error {
  constructor(readonly errors: PlanFieldError[]) {
    const first = errors[0];
    super(first ? `${errors.length} problem(s); ${first.field}: ${first.message}` : 'The edit was refused.');
  }
}

export function fieldError(field: string, ...found: Parameters<typeof problem>): PlanFieldError {
  return { field, ...problem(...found) };
}

/** A target's value for the unit (the same rule as a reported value's); a revised target's too. */
export function targetProblem(field: string, unit: string, value: number): PlanFieldError | null {
  if (!isUnit(unit)) return null;
  const issue = valueProblem(unit, value);
  return issue ? fieldError(field, issue, { value, unit, max: unitRange(unit).max }) : null;
}

/**
 * The rules of an indicator's own fields, given the fields as they will stand: a known unit; a
 * baseline no later than the plan year; thresholds in order; targets that fit the unit; interim
 * periods of the indicator's frequency, inside the plan year, each once.
 */
export function indicatorProblems(fields: IndicatorFields, planYear: number): PlanFieldError[] {
  const errors: PlanFieldError[] = [];
  if (!isUnit(fields.unit))
    errors.push(fieldError('unit', 'plan_unknown_unit', { unit: fields.unit, units: UNITS.join(', ') }));
  const baselineYear = fields.baseline?.year;
  if (baselineYear !== undefined && baselineYear !== null && baselineYear > planYear)
    errors.push(fieldError('baseline.year', 'plan_baseline_after_plan', { baselineYear, year: planYear }));
  if (fields.thresholds && fields.thresholds.atRisk >= fields.thresholds.onTrack)
    errors.push(
      fieldError('thresholds.atRisk', 'plan_thresholds_order', {
        atRisk: fields.thresholds.atRisk,
        onTrack: fields.thresholds.onTrack,
      }),
    );
  const annual = targetProblem('annualTarget', fields.unit, fields.annualTarget);
  if (annual) errors.push(annual);
  const seen = new Set<string>();
  fields.interimTargets.forEach((target, i) => {
    const field = `interimTargets.${i}.period`;
    const period = parsePeriod(target.period);
    if (!period) {
      errors.push(fieldError(field, 'bad_period', { value: target.period }));
    } else if (period.frequency !== fields.frequency) {
      errors.push(
        fieldError(field, 'wrong_frequency', {
          code: '',
          frequency: fields.frequency as Frequency,
          value: target.period,
          periodFrequency: period.frequency,
        }),
      );
    } else if (period.year !== planYear) {
      errors.push(fieldError(field, 'outside_year', { value: target.period, year: planYear }));
    } else {
      const text = formatPeriod(period);
      if (seen.has(text)) errors.push(fieldError(field, 'plan_interim_duplicate', { period: text }));
      seen.add(text);
    }
    const value = targetProblem(`interimTargets.${i}.value`, fields.unit, target.value);
    if (value) errors.push(value);
  });
  return errors;
}

/** The interim targets as stored: each period written the one way core reads it. */
export function normalisedInterims(fields: IndicatorFields) {
  return fields.interimTargets.map((t) => {
    const period = parsePeriod(t.period);
    return { period: period ? formatPeriod(period) : t.period, value: t.value };
  });
}
