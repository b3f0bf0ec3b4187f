/**
 * Commentary asked for in the monthly grid, in Korean, in Chromium: an off-track value typed in the
 * grid is refused for want of its analysis (원인 분석) and next steps (향후 대책); the grid opens them
 * under the row, with the focus in the analysis; Esc closes them; once both are written the values go
 * in one submission and the planning office sees the commentary with the pending value.
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterOutputs } from '../src/trpc';
import { ARTEFACTS, type Harness, openPage, seriousViolations, startHarness } from './harness';

type Status = RouterOutputs['reports']['status'];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** A query answered by the same server the browser talks to (with the analyst's read-only token). */
async function statusOf(department: string): Promise<Status> {
  const input = encodeURIComponent(JSON.stringify({ year: 2024, department }));
  const response = await fetch(`${harness.base}/trpc/reports.status?input=${input}`);
  expect(response.status).toBe(200);
  return (await response.json()).result.data as Status;
}
const pendingOf = async (code: string, period: string) =>
  (await statusOf('TOURISM')).indicators
    .find((i) => i.code === code)
    ?.periods.find((p) => p.period === period)?.pending ?? null;

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));

const ANALYSIS = '4분기 국제회의 일정이 2025년으로 연기됨';
const NEXT_STEPS = '2025년 상반기 유치 설명회 2회 개최';

describe('commentary asked for in the monthly grid in Chromium', () => {
  it('asks tourism.head for 원인 분석 and 향후 대책 under the row, then submits them with the values', async () => {
    expect(await pendingOf('CUL-02', '2024-Q4')).toBeNull();
    const { page, problems, close } = await openPage(harness, '/report?year=2024&asOf=2024-12', {
      user: 'tourism.head',
      bypassCSP: true,
    });
    await page.locator('table.report-grid').waitFor();
    // One value that leaves CUL-02 off track, one that needs nothing more.
    await page.getByLabel('CUL-02 2024-Q4', { exact: true }).fill('1');
    await page.getByLabel('CUL-01 2024-12', { exact: true }).fill('300000');
    await page.getByRole('button', { name: '2건 제출' }).click();

    const alert = page.locator('.report-outcome-refused');
    await expect.poll(() => alert.textContent()).toContain('원인 분석과 향후 대책이 필요합니다');
    expect(await alert.textContent()).toContain('아무것도 저장되지 않았습니다');
    const area = page.locator('tr[data-code="CUL-02"] + tr.report-commentary-row fieldset.report-commentary');
    await area.waitFor();
    expect(await area.getAttribute('data-cell')).toBe('CUL-02 2024-Q4');
    expect(await text(page, 'fieldset.report-commentary legend')).toBe(
      'CUL-02 2024년 4분기 원인 분석과 향후 대책',
    );
    // Only the cell that needs it is asked; the focus is in its analysis.
    expect(await page.locator('fieldset.report-commentary').count()).toBe(1);
    await expect.poll(() => focusedLabel(page)).toBe('CUL-02 2024-Q4 원인 분석');
    expect(await text(page, 'td[data-period="2024-Q4"] .report-cell-error')).toContain(
      '원인 분석과 향후 대책이 필요합니다',
    );
    expect(await pendingOf('CUL-01', '2024-12')).toBeNull();

    // Esc closes it, clears what was written, and puts the focus back on the cell, whose value stays.
    await page.keyboard.type('지울 내용');
    await page.keyboard.press('Escape');
    await expect.poll(() => area.count()).toBe(0);
    expect(await focusedLabel(page)).toBe('CUL-02 2024-Q4');
    expect(await page.getByLabel('CUL-02 2024-Q4', { exact: true }).inputValue()).toBe('1');

    // Submitted again, it is asked again, empty; the analysis alone is still refused at the next steps.
    await page.getByRole('button', { name: '2건 제출' }).click();
    await area.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('CUL-02 2024-Q4 원인 분석');
    const analysis = page.getByRole('textbox', { name: 'CUL-02 2024-Q4 원인 분석' });
    expect(await analysis.inputValue()).toBe('');
    await analysis.fill(ANALYSIS);
    await page.getByRole('button', { name: '2건 제출' }).click();
    await expect
      .poll(() => text(page, 'fieldset.report-commentary .form-error'))
      .toContain('향후 대책을 적어 주세요');
    expect(await analysis.inputValue()).toBe(ANALYSIS);
    expect(await pendingOf('CUL-02', '2024-Q4')).toBeNull();
    expect(await pendingOf('CUL-01', '2024-12')).toBeNull();

    await page.getByRole('textbox', { name: 'CUL-02 2024-Q4 향후 대책' }).fill(NEXT_STEPS);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'report-grid-commentary-ko.png'), fullPage: true });
    await page.getByRole('button', { name: '2건 제출' }).click();
    await expect.poll(() => text(page, '.report-outcome-ok')).toContain('2건을 제출했습니다');
    await expect.poll(() => area.count()).toBe(0);
    const quarter = page.locator('tr[data-code="CUL-02"] td[data-period="2024-Q4"]');
    await expect.poll(() => quarter.getAttribute('data-state')).toBe('pending');
    expect((await pendingOf('CUL-02', '2024-Q4'))?.value).toBe(1);
    expect((await pendingOf('CUL-01', '2024-12'))?.value).toBe(300000);
    // The browser's own notes of the three refused requests (400) are the only console lines.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    await close();

    // The planning office sees the value pending approval with its commentary.
    const planner = await openPage(harness, '/approvals?year=2024&asOf=2024-12', { user: 'planner' });
    const item = planner.page.locator('li.approvals-item[data-code="CUL-02"][data-period="2024-Q4"]');
    await item.waitFor();
    expect(await item.textContent()).toContain(ANALYSIS);
    expect(await item.textContent()).toContain(NEXT_STEPS);
    expect(await item.textContent()).not.toContain('지울 내용');
    await planner.page.locator('li.approvals-item[data-code="CUL-01"][data-period="2024-12"]').waitFor();
    await planner.page.screenshot({
      path: join(ARTEFACTS, 'approvals-grid-commentary-ko.png'),
      fullPage: true,
    });
    await planner.close();
  });

  it('asks in English too, with labelled fields and nothing Korean in them', async () => {
    const { page, close } = await openPage(harness, '/report?year=2024&asOf=2024-12', {
      user: 'tourism.head',
      language: 'en',
      bypassCSP: true,
    });
    await page.locator('table.report-grid').waitFor();
    await page.getByLabel('CUL-02 2024-Q4', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Submit 1' }).click();
    const area = page.locator('fieldset.report-commentary[data-cell="CUL-02 2024-Q4"]');
    await area.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('CUL-02 2024-Q4 analysis');
    expect(await text(page, 'fieldset.report-commentary legend')).toBe(
      'CUL-02 Q4 2024: analysis and next steps',
    );
    expect(await page.getByRole('textbox', { name: 'CUL-02 2024-Q4 next steps' }).count()).toBe(1);
    expect(await text(page, '.report-outcome-refused')).toContain('needs an analysis and next steps');
    expect(await area.textContent()).not.toMatch(/[가-힣]/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'report-grid-commentary-en.png'), fullPage: true });
    // Cancel puts the focus back on the cell.
    await page.getByRole('button', { name: 'Cancel the analysis and next steps of CUL-02 2024-Q4' }).click();
    await expect.poll(() => area.count()).toBe(0);
    expect(await focusedLabel(page)).toBe('CUL-02 2024-Q4');
    await close();
  });
});
