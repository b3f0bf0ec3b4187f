/**
 * "Start next year from this one" in Chromium, in Korean: the planning office opens the confirmed
 * 2025 plan (the seed made it from 2024 by copy-forward), starts 2026 from it, confirms, reads the
 * summary and lands on the 2026 draft, marked as a draft, with the baselines carried.
 */

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, type Harness, openPage, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('starting next year in the plan editor', () => {
  it('the planning office starts 2026 from 2025 and sees the draft with its carried baselines', async () => {
    const { page, problems, close } = await openPage(harness, '/plan?plan=2025', {
      user: 'planner',
      language: 'ko',
    });
    await page.getByRole('button', { name: '2025년 계획에서 2026년 시작' }).click();
    const ask = page.getByRole('alertdialog');
    expect(await ask.textContent()).toContain('기준값은 2025년 실적');
    await ask.getByRole('button', { name: '2026년 초안 만들기' }).click();
    await page.waitForURL((url) => url.searchParams.get('plan') === '2026');
    const summary = page.locator('.plan-copy[role="status"]');
    await expect.poll(() => summary.textContent()).toContain('2025년 계획에서 2026년 초안을 만들었습니다');
    // Nothing is reported in 2025 yet: every baseline stays the 2025 plan's (the 2024 actuals).
    expect(await summary.textContent()).toContain('기준값: 0개는 2025년 실적, 57개는 실적이 없어');
    await expect.poll(() => page.locator('.plan-status .plan-badge').textContent()).toBe('초안');
    await page.locator('li[data-code="CUL-01"]').waitFor();
    await page.screenshot({ path: join(ARTEFACTS, 'plan-copy-forward-ko.png'), fullPage: true });

    const carried = await harness.db
      .selectFrom('indicators')
      .innerJoin('projects', 'projects.id', 'indicators.project_id')
      .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
      .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
      .innerJoin('plans', 'plans.id', 'sectors.plan_id')
      .select(['plans.year', 'plans.status', 'indicators.baseline_value', 'indicators.baseline_year'])
      .where('indicators.code', '=', 'CUL-01')
      .where('plans.organisation_id', '=', 1)
      .orderBy('plans.year')
      .execute();
    // 2024's twelve months (measurements.csv) are the baseline of 2025, carried into 2026.
    expect(carried.slice(1)).toEqual([
      { year: 2025, status: 'confirmed', baseline_value: 2929192, baseline_year: 2024 },
      { year: 2026, status: 'draft', baseline_value: 2929192, baseline_year: 2024 },
    ]);
    // The copy is offered once: 2026 exists now.
    expect(await page.getByRole('button', { name: '2025년 계획에서 2026년 시작' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });
});
