/** A directive's due date against its meeting date: not before it, not more than two years after it. */

import { describe, expect, it } from 'vitest';
import { directiveDueProblem } from './directives.js';

describe('a directive due date', () => {
  it.each([
    { meeting: '2024-01-15', due: '2024-01-15', problem: null, says: 'the day of the meeting is allowed' },
    { meeting: '2024-01-15', due: '2024-06-30', problem: null, says: 'a date in the same year is allowed' },
    { meeting: '2024-01-15', due: '2026-01-15', problem: null, says: 'two years to the day is allowed' },
    {
      meeting: '2024-01-15',
      due: '2024-01-14',
      problem: 'directive_due_before_meeting',
      says: 'the day before is refused',
    },
    {
      meeting: '2024-12-20',
      due: '2023-12-31',
      problem: 'directive_due_before_meeting',
      says: 'a year too early is refused',
    },
    {
      meeting: '2024-01-15',
      due: '2026-01-16',
      problem: 'directive_due_too_far',
      says: 'two years and a day is refused',
    },
    {
      meeting: '2024-01-15',
      due: '2204-01-15',
      problem: 'directive_due_too_far',
      says: 'a mistyped year is refused',
    },
  ])('$says (meeting $meeting, due $due)', ({ meeting, due, problem }) => {
    expect(directiveDueProblem(meeting, due)?.code ?? null).toBe(problem);
  });

  it('names the field and the latest date allowed', () => {
    expect(directiveDueProblem('2024-01-15', '2030-01-01')).toEqual({
      code: 'directive_due_too_far',
      params: {
        field: 'dueDate',
        due: '2030-01-01',
        meeting: '2024-01-15',
        latest: '2026-01-15',
        years: '2',
      },
    });
  });
});
