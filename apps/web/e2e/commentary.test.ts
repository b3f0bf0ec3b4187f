/**
 * Writing the commentary on an off-track value, in Korean, in Chromium: the value alone is refused at
 * the analysis and next-steps fields; with both it goes for approval, and once the planning office
 * approves it the indicator page shows them beside the figures.
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openPage, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();

describe('commentary on an off-track value in Chromium', () => {
  it('is required with the value, approved with it, and shown on the indicator page', async () => {
    const { page, close } = await openPage(harness, '/report?year=2024&asOf=2024-12', {
      user: 'tourism.head',
    });
    const form = page.locator('form.report-single');
    await form.waitFor();
    // A label wrapping a select is named with the chosen option too: the selects are found in order.
    await form.locator('select').nth(0).selectOption('CUL-02');
    await form.locator('select').nth(1).selectOption('2024-Q4');
    await form.locator('input[inputmode="decimal"]').fill('1');
    await form.getByRole('button', { name: '제출', exact: true }).click();
    await expect.poll(() => text(page, '#report-single-analysis-error')).toContain('원인 분석을 적어 주세요');
    expect(await text(page, '#report-single-nextSteps-error')).toContain('향후 대책을 적어 주세요');

    await form.getByRole('textbox', { name: '원인 분석' }).fill('4분기 국제회의 일정이 2025년으로 연기됨');
    await form.getByRole('textbox', { name: '향후 대책' }).fill('2025년 상반기 유치 설명회 2회 개최');
    await form.getByRole('button', { name: '제출', exact: true }).click();
    await expect.poll(() => text(page, 'form.report-single .report-outcome-ok')).not.toBe('');
    await close();

    const planner = await openPage(harness, '/approvals?year=2024&asOf=2024-12', { user: 'planner' });
    const item = planner.page.locator('li.approvals-item[data-code="CUL-02"][data-period="2024-Q4"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('4분기 국제회의 일정이 2025년으로 연기됨');
    await item.getByRole('button', { name: /승인$/ }).click();
    await expect.poll(() => item.count()).toBe(0);

    await planner.page.goto(`${harness.base}/indicators/CUL-02?year=2024&asOf=2024-12`);
    const commentary = planner.page.locator('[data-section="commentary"] dl.commentary');
    await commentary.waitFor();
    expect(await commentary.textContent()).toContain('4분기 국제회의 일정이 2025년으로 연기됨');
    expect(await commentary.textContent()).toContain('2025년 상반기 유치 설명회 2회 개최');
    expect(await text(planner.page, '[data-section="commentary"] h2')).toBe('원인 분석 및 향후 대책');
    await planner.close();
  });
});
