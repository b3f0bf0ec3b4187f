/** The inputs of the follow-through procedures and exports (zod), shared by the router and the export. */

import { isIsoDate } from '@tangible/core';
import { z } from 'zod';
import { code, year } from '../inputs.js';
import { pageInput } from '../lists/paging.js';
import { text } from '../text.js';

export const isoDate = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD');

export const directiveState = z.enum(['open', 'in_progress', 'proposed', 'done']);
export const actionState = z.enum(['planned', 'in_progress', 'done', 'dropped']);

/** The directives page's filters: sector, department, state, overdue. */
export const directiveFilter = z.object({
  year,
  sector: code.optional(),
  department: code.optional(),
  /** `open` = every state but done. */
  state: z.union([directiveState, z.literal('not_done')]).optional(),
  overdue: z.boolean().optional(),
});

export const directiveListInput = directiveFilter.extend(pageInput({ limit: 25 }));

export const newDirective = z.object({
  year,
  meetingDate: isoDate,
  meetingName: text('name').min(2),
  sector: code,
  project: code.optional(),
  indicator: code.optional(),
  content: text('commentary').min(3),
  departments: z.array(code).min(1).max(20),
  dueDate: isoDate,
});

export const directiveProgress = z.object({
  year,
  id: z.number().int().positive(),
  note: text('commentary').min(3),
  proposeCompletion: z.boolean().default(false),
});

export const directiveDecision = z.object({
  year,
  id: z.number().int().positive(),
  confirm: z.boolean(),
  reason: text('reason').optional(),
});

export const newAction = z.object({
  year,
  indicator: code,
  department: code.optional(),
  title: text('note').min(3),
  dueDate: isoDate,
});

export const actionChange = z.object({
  year,
  id: z.number().int().positive(),
  state: actionState.optional(),
  dueDate: isoDate.optional(),
  dropReason: text('reason').optional(),
  note: text('commentary').optional(),
});
