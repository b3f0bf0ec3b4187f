/**
 * Review of the directive due-date rule: it exists so that a mistyped year cannot make a directive
 * that is never overdue, but the meeting date it is measured from is itself unchecked.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, refusal } from '../testing.js';
import { directiveDueProblem } from './directives.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

describe('a directive whose meeting date has the mistyped year', () => {
  it('is refused, not recorded to fall due in 2204 and never be overdue', async () => {
    const mayor = await callerAs(db, 'mayor');
    const recorded = refusal(
      mayor.directives.record({
        year: 2024,
        meetingDate: '2204-01-18',
        meetingName: '문화관광복지 분야 업무보고',
        sector: 'CUL',
        indicator: 'CUL-01',
        content: '외국인 관광객 유치 목표 달성 방안 마련',
        departments: ['TOURISM'],
        dueDate: '2204-03-31',
      }),
    );
    // Fails: refusal() finds no error; the directive of the 2024 plan is recorded, due 2204-03-31.
    expect((await recorded).code).toBe('BAD_REQUEST');
  });
});

describe('two years from a 29 February meeting', () => {
  it('end on 28 February, not 1 March', () => {
    expect(directiveDueProblem('2024-02-29', '2026-03-01')?.code).toBe('directive_due_too_far');
  });
});
