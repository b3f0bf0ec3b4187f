/**
 * Review of `pnpm cli plan import`: the dry-run printed in Korean says each changed field and its
 * values in Korean (a field is a column of the workbook; an enumeration's value is its Korean word),
 * not the editor's identifiers (`headline`, `name.en`, `increase`, `true`).
 */

import type { WorkbookDryRun } from '@tangible/api';
import { describe, expect, it } from 'vitest';
import { dryRunLines } from './plan-workbook.js';

const run: WorkbookDryRun = {
  year: 2024,
  status: 'confirmed',
  added: [],
  changed: [
    { level: 'indicator', code: 'ECO-01', field: 'direction', old: 'increase', new: 'decrease' },
    { level: 'indicator', code: 'ECO-01', field: 'headline', old: 'false', new: 'true' },
    { level: 'indicator', code: 'ECO-01', field: 'name.en', old: 'Old', new: 'New' },
  ],
  revisions: [],
  leaving: [],
  problems: [],
};

describe('the dry-run in Korean', () => {
  it('names fields and enumeration values in Korean', () => {
    const lines = dryRunLines(run, 'ko').slice(1);
    // Today: `~ 지표 ECO-01 direction: increase → decrease`, `headline: false → true`, `name.en: …`.
    expect(lines).toEqual([
      '~ 지표 ECO-01 방향: 증가 → 감소',
      '~ 지표 ECO-01 핵심 지표: 아니오 → 예',
      '~ 지표 ECO-01 지표명(영문): Old → New',
    ]);
  });
});
