import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterOutputs } from '../src/trpc';
import { ARTEFACTS, type Harness, openPage, seriousViolations, startHarness } from './harness';

type List = RouterOutputs['indicators']['list'];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function list(input: Record<string, unknown>): Promise<List> {
  const body = { year: 2024, asOf: '2024-06', ...input };
  const response = await fetch(
    `${harness.base}/trpc/indicators.list?input=${encodeURIComponent(JSON.stringify(body))}`,
  );
  return (await response.json()).result.data;
}

const codesShown = (page: import('playwright-core').Page) =>
  page
    .locator('.indicator-table tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));

describe('the indicator list in Chromium, a page at a time', () => {
  it('pages through every indicator with links kept in the URL, and the back button', async () => {
    const first = await list({ page: 1 });
    const second = await list({ page: 2 });
    expect(first.total).toBe(57);
    const { page, problems, close } = await openPage(harness, '/indicators?year=2024&asOf=2024-06');
    await page.locator('.indicator-table tbody tr').first().waitFor();
    expect(await codesShown(page)).toEqual(first.indicators.map((i) => i.code));
    const pager = page.getByRole('navigation', { name: '지표 목록 페이지' });
    expect(await pager.locator('.pager-range').textContent()).toBe('전체 57건 중 1–25');
    await page.screenshot({ path: join(ARTEFACTS, 'indicators-page1-ko.png'), fullPage: true });
    await pager.getByRole('link', { name: '다음' }).click();
    await expect.poll(() => codesShown(page)).toEqual(second.indicators.map((i) => i.code));
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    expect(await pager.locator('.pager-page').textContent()).toBe('2 / 3쪽');
    await page.goBack();
    await expect.poll(() => codesShown(page)).toEqual(first.indicators.map((i) => i.code));
    expect(problems).toEqual([]);
    await close();
  });

  it('sorts and filters on the server, back to the first page, the choice in the URL', async () => {
    const { page, problems, close } = await openPage(harness, '/indicators?year=2024&asOf=2024-06&page=2');
    await page.locator('.indicator-table tbody tr').first().waitFor();
    await page.locator('.indicator-table th').getByRole('button', { name: /상태/ }).click();
    const byStatus = await list({ sort: 'status' });
    await expect.poll(() => codesShown(page)).toEqual(byStatus.indicators.map((i) => i.code));
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('status');
    await page.getByLabel('부서').selectOption('TOURISM');
    const tourism = await list({ sort: 'status', department: 'TOURISM' });
    await expect.poll(() => codesShown(page)).toEqual(tourism.indicators.map((i) => i.code));
    expect(await page.getByRole('navigation', { name: '지표 목록 페이지' }).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('department')).toBe('TOURISM');
    expect(problems).toEqual([]);
    await close();
  });

  it('is said in English too, and has no serious or critical accessibility violations (axe-core)', async () => {
    for (const language of ['ko', 'en'] as const) {
      const { page, problems, close } = await openPage(harness, '/indicators?year=2024&asOf=2024-12', {
        language,
        bypassCSP: true,
      });
      await page.locator('.indicator-table tbody tr').first().waitFor();
      if (language === 'en') {
        expect(await page.locator('h1').textContent()).toBe('Indicators');
        expect(await page.locator('.pager-range').textContent()).toBe('1–25 of 57');
        const chrome = await page.locator('h1, h2, th, .status, .pager, label').allTextContents();
        expect(chrome.filter((text) => /[가-힣]/.test(text))).toEqual([]);
        await page.screenshot({ path: join(ARTEFACTS, 'indicators-en.png'), fullPage: true });
      }
      expect(await seriousViolations(page), language).toEqual([]);
      expect(problems).toEqual([]);
      await close();
    }
  });
});
