/**
 * An indicator's years side by side in Chromium: with the seed's 2025 plan (copied forward from
 * 2024 and confirmed, CUL-01's cited 2025 target 3,000,000), CUL-01's page shows 2023 as the 2024
 * plan's baseline with its source, 2024 as measured against its target, and 2025's target, in
 * Korean and in English.
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages as indicatorMessages } from '../src/routes/indicator/messages';
import type { RouterOutputs } from '../src/trpc';
import { ARTEFACTS, type Harness, openPage, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function seriesOf(code: string): Promise<RouterOutputs['years']['indicator']> {
  const input = encodeURIComponent(JSON.stringify({ code }));
  const response = await fetch(`${harness.base}/trpc/years.indicator?input=${input}`);
  expect(response.status).toBe(200);
  return (await response.json()).result.data;
}

const cell = async (page: Page, year: number, selector: string) =>
  (
    (await page.locator(`.indicator-years-table tr[data-year="${year}"] ${selector}`).textContent()) ?? ''
  ).trim();

describe('an indicator’s years in Chromium', () => {
  it.each([
    ['ko', indicatorMessages.ko],
    ['en', indicatorMessages.en],
  ] as const)(
    'shows every year’s actual against its target, 2023 as a sourced baseline (%s)',
    async (language, messages) => {
      const series = await seriesOf('CUL-01');
      expect(series.years.map((y) => [y.year, y.kind])).toEqual([
        [2023, 'baseline'],
        [2024, 'measured'],
        [2025, 'measured'],
      ]);
      const { page, problems, close } = await openPage(harness, '/indicators/CUL-01?year=2024&asOf=2024-06', {
        language,
      });
      const section = page.locator('[data-testid="indicator-years"]');
      await section.locator('tr[data-year="2025"]').waitFor();
      const words = messages.years;
      expect(await section.locator('h2').textContent()).toBe(words.title);
      expect(
        await page.locator('.indicator-years-table tr[data-year="2023"]').getAttribute('data-kind'),
      ).toBe('baseline');
      expect(await cell(page, 2023, '[data-column="actual"]')).toContain(words.baseline);
      expect(await cell(page, 2023, '[data-column="actual"]')).toContain(
        language === 'ko' ? '182만 명' : '1.82M people',
      );
      // The baseline's source, with its link: the published 2023 count, not an illustrative figure.
      const link = page
        .locator('.indicator-years-table tr[data-year="2023"] .indicator-years-source a')
        .first();
      expect(await link.getAttribute('href')).toContain('edaily.co.kr');
      expect(await cell(page, 2024, '[data-column="target"]')).toBe(
        language === 'ko' ? '213만 명' : '2.13M people',
      );
      expect(await cell(page, 2025, '[data-column="target"]')).toBe(
        language === 'ko' ? '300만 명' : '3M people',
      );
      expect(await cell(page, 2024, '.status')).not.toBe('');
      await page.locator('#indicator-years-chart-title').waitFor();
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: join(ARTEFACTS, `indicator-years-CUL-01-${language}.png`) });
      expect(problems).toEqual([]);
      await close();
    },
  );

  it('judges a target as the planning office types it, and lists the least ambitious targets', async () => {
    const { page, problems, close } = await openPage(harness, '/plan?plan=2025', {
      user: 'planner',
      language: 'ko',
    });
    const row = page.locator('.plan-ambition-list tr[data-code="CUL-01"]');
    await row.waitFor();
    // 3 M visitors is short of the line through 2023's 1.82 M and 2024's actual: below trend.
    expect(await row.getAttribute('data-ambition')).toBe('below_trend');
    expect(await row.textContent()).toContain('추세 미달');
    await page.getByRole('button', { name: '목표 변경 요청 CUL-01' }).click();
    await page.locator('form.plan-form').getByLabel('변경 목표', { exact: true }).fill('9000000');
    const note = page.locator('form.plan-form .plan-ambition');
    await expect.poll(() => note.getAttribute('data-ambition')).toBe('above_best');
    expect(await note.textContent()).toContain('역대 최고 초과');
    await page.locator('form.plan-form').getByLabel('변경 목표', { exact: true }).fill('3000000');
    await expect.poll(() => note.getAttribute('data-ambition')).toBe('below_trend');
    await page.screenshot({ path: join(ARTEFACTS, 'plan-ambition-ko.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it('sets the same month last year beside 2025 on the overview, and the briefing says its stretch share', async () => {
    const overview = await openPage(harness, '/?year=2025&asOf=2025-01', { language: 'en' });
    const table = overview.page.locator('[data-testid="last-year"]');
    await table.locator('tr[data-sector="plan"]').waitFor();
    expect(await table.locator('h2').textContent()).toContain('Jan 2024');
    await table.screenshot({ path: join(ARTEFACTS, 'overview-last-year-en.png') });
    expect(overview.problems).toEqual([]);
    await overview.close();
    const briefing = await openPage(harness, '/sectors/CUL/briefing?year=2025&asOf=2025-01', {
      language: 'ko',
    });
    const share = briefing.page.locator('[data-testid="stretch-share"]');
    await share.waitFor();
    // The count the server judges for the sector, as the briefing words it.
    const answer = await fetch(
      `${harness.base}/trpc/years.sectorAmbition?input=${encodeURIComponent(JSON.stringify({ year: 2025 }))}`,
    );
    const sectors = (await answer.json()).result.data as RouterOutputs['years']['sectorAmbition'];
    const cul = sectors.find((s) => s.sectorCode === 'CUL');
    expect(cul?.judged).toBeGreaterThan(0);
    expect(await share.textContent()).toContain(`${cul?.judged}개 중 ${cul?.stretch}개`);
    expect(briefing.problems).toEqual([]);
    await briefing.close();
  });

  it('opens on 2024, the latest year with a reported value, and the year picker moves to 2025', async () => {
    const { page, problems, close } = await openPage(harness, '/', { language: 'ko', user: 'mayor' });
    const picker = page.getByLabel('계획 연도');
    await expect.poll(() => picker.inputValue()).toBe('2024');
    expect(await picker.locator('option').allTextContents()).toEqual(['2024년', '2025년']);
    await picker.selectOption('2025');
    await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBe('2025');
    // Another year opens at its latest reported month, which the server chooses and the page says.
    expect(new URL(page.url()).searchParams.get('asOf')).toBeNull();
    await expect.poll(() => page.getByLabel('기준 월').inputValue()).toBe('');
    await page.screenshot({ path: join(ARTEFACTS, 'year-picker-2025-ko.png') });
    expect(problems).toEqual([]);
    await close();
  });
});
