import { join } from 'node:path';
import { createApiToken } from '@tangible/api';
import { findUserByUsername } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, type Harness, openPage, seriousViolations, startHarness } from './harness';

let harness: Harness;
let mayorToken: string;
beforeAll(async () => {
  harness = await startHarness();
  const mayor = await findUserByUsername(harness.db, 'mayor');
  mayorToken = (await createApiToken(harness.db, mayor?.id ?? 0, 'districts test', new Date())).token;
});
afterAll(async () => {
  await harness?.close();
});

interface Comparison {
  districts: { code: string; score: number | null; statusCounts: Record<string, number> }[];
  shared: { code: string; districts: Record<string, { attainment: number | null }> }[];
}

/** What the server says, asked as the mayor (the comparison is the metropolitan executives'). */
async function comparison(asOf: string): Promise<Comparison> {
  const input = encodeURIComponent(JSON.stringify({ year: 2024, asOf }));
  const response = await fetch(`${harness.base}/trpc/districts.comparison?input=${input}`, {
    headers: { authorization: `Bearer ${mayorToken}` },
  });
  return (await response.json()).result.data as Comparison;
}

/** A fraction as the screen shows it (formatPercent). */
function percent(value: number | null, language: 'ko' | 'en'): string {
  if (value === null) return language === 'ko' ? '산정 불가' : 'no score';
  return `${new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 1 }).format(value * 100)}%`;
}

describe('districts compared in Chromium', () => {
  it.each(['ko', 'en'] as const)(
    'shows the mayor each district’s score and the shared indicators (%s)',
    async (language) => {
      const expected = await comparison('2024-06');
      const { page, problems, close } = await openPage(harness, '/districts?year=2024&asOf=2024-06', {
        language,
        bypassCSP: true,
      });
      await page.locator('tr[data-district]').first().waitFor();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(language === 'ko' ? '구·군 비교' : 'Districts compared');
      for (const district of expected.districts) {
        const row = page.locator(`tr[data-district="${district.code}"]`);
        await expect
          .poll(() => row.locator('td').nth(1).textContent())
          .toBe(percent(district.score, language));
        await expect
          .poll(() => row.locator('td').nth(2).textContent())
          .toBe(String(district.statusCounts.on_track));
      }
      const sharedRows = page.locator('tr[data-indicator]');
      await expect.poll(() => sharedRows.count()).toBe(expected.shared.length);
      const gu01 = expected.shared.find((s) => s.code === 'GU-01');
      const cell = page.locator('tr[data-indicator="GU-01"] td').first();
      await expect
        .poll(() => cell.textContent())
        .toContain(percent(gu01?.districts[expected.districts[0]?.code ?? '']?.attainment ?? null, language));
      await expect
        .poll(() => page.getByRole('link', { name: language === 'ko' ? '구·군 비교' : 'Districts' }).count())
        .toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTEFACTS, `districts-${language}.png`), fullPage: true });
      expect(problems).toEqual([]);
      await close();
    },
  );

  it('offers a district’s own executive no comparison, and says why when asked for it', async () => {
    const { page, close } = await openPage(harness, '/districts?year=2024', { user: 'haeundae.mayor' });
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('구·군 비교는 광역시의 임원과 관리자만');
    expect(await page.getByRole('link', { name: '구·군 비교' }).count()).toBe(0);
    expect(await page.locator('.brand-tagline').textContent()).toBe('해운대구 구정 성과 대시보드');
    // Their own overview is their district's plan.
    await page.goto(`${harness.base}/?year=2024`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).first().textContent())
      .toContain('해운대구');
    await close();
  });
});
