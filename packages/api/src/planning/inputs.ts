/**
 * What the plan editor's procedures take, as zod schemas: the shape of each level's fields. The
 * rules between fields and against the plan (codes, parents, periods, units) are the service's
 * (validation.ts), which says each problem with its field.
 */

import { isIsoDate } from '@tangible/core';
import { z } from 'zod';
import { code, year } from '../inputs.js';
import { text } from '../text.js';

const name = text('name').min(1);
export const bilingual = z.object({ ko: name, en: name });
/** A longer text in both languages (a definition, a formula, a data source); either may be empty. */
const description = z.object({ ko: text('note'), en: text('note') });
const isoDate = z.string().refine(isIsoDate, 'a date is written YYYY-MM-DD');

export const level = z.enum(['sector', 'strategy', 'project', 'indicator', 'milestone']);

export const sectorFields = z.object({ name: bilingual, goal: bilingual });
export const strategyFields = z.object({ name: bilingual });
export const projectFields = z.object({ name: bilingual, department: code });

export const indicatorFields = z.object({
  name: bilingual,
  department: code,
  unit: z.string().trim().min(1).max(32),
  direction: z.enum(['increase', 'decrease']),
  aggregation: z.enum(['sum', 'last', 'average', 'milestones']),
  frequency: z.enum(['monthly', 'quarterly', 'annual']),
  baseline: z.object({ value: z.number(), year: z.number().int().nullable() }).nullable(),
  annualTarget: z.number(),
  interimTargets: z.array(z.object({ period: z.string().trim().min(4).max(16), value: z.number() })).max(12),
  thresholds: z.object({ onTrack: z.number().gt(0).max(2), atRisk: z.number().gt(0).max(2) }).nullable(),
  weight: z.number().gt(0).max(1000),
  headline: z.boolean(),
  source: text('note').min(1),
  definition: description.nullable(),
  formula: description.nullable(),
  dataSource: description.nullable(),
});

export const milestoneFields = z.object({
  name: bilingual,
  department: code,
  plannedDate: isoDate,
  weight: z.number().gt(0).max(1000),
  source: text('note').min(1),
});

const at = { year };

/** Each operation of the editor and its input: the procedures take them, and so do proposals. */
export const operationInputs = {
  createSector: z.object({ ...at, code, ...sectorFields.shape }),
  editSector: z.object({ ...at, code, ...sectorFields.partial().shape }),
  createStrategy: z.object({ ...at, sector: code, code, ...strategyFields.shape }),
  editStrategy: z.object({ ...at, code, ...strategyFields.partial().shape }),
  createProject: z.object({ ...at, strategy: code, code, ...projectFields.shape }),
  editProject: z.object({ ...at, code, ...projectFields.partial().shape }),
  createIndicator: z.object({ ...at, project: code, code, ...indicatorFields.shape }),
  editIndicator: z.object({ ...at, code, ...indicatorFields.partial().shape }),
  createMilestone: z.object({ ...at, project: code, code, ...milestoneFields.shape }),
  editMilestone: z.object({ ...at, code, ...milestoneFields.partial().shape }),
  retire: z.object({ ...at, level, code }),
  remove: z.object({ ...at, level, code }),
};

export type OperationName = keyof typeof operationInputs;
export type OperationInput<N extends OperationName> = z.infer<(typeof operationInputs)[N]>;
export type IndicatorFields = z.infer<typeof indicatorFields>;
