/**
 * The inbox screen in Korean: FIN's bureau head finds the navigation's 할 일 with a count, and on the
 * screen the quarters of ECO-03 (no value in the seed) overdue, each linking to the report screen;
 * the mayor (an executive) has nothing waiting yet.
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

describe('the inbox', () => {
  it("shows a bureau head their department's overdue reports, in Korean, with the count in the navigation", async () => {
    const { page, problems, close } = await openPage(harness, '/?year=2024', { user: 'fin.head' });
    const link = page.locator('.app-nav a[href^="/inbox"]');
    await link.locator('.nav-count').waitFor();
    expect(Number(await link.locator('.nav-count').textContent())).toBeGreaterThan(0);
    await link.click();
    await page.locator('#inbox-reports_owed').waitFor();
    expect(await page.locator('#inbox-title').textContent()).toBe('할 일');
    const eco03 = page.locator('.inbox-items li', { hasText: 'ECO-03' });
    expect(await eco03.count()).toBe(4);
    expect(await eco03.first().textContent()).toContain('기한 지남');
    expect(await eco03.first().locator('a').getAttribute('href')).toBe('/report?year=2024');
    await page.screenshot({ path: join(ARTEFACTS, 'inbox-bureau-head-ko.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it('opens on what needs the user now: the latest plan begun by today, not the year the screens read', async () => {
    // The screens read 2024 (2025 has no value yet); 2025's reports are owed, and overdue, by today.
    const { page, problems, close } = await openPage(harness, '/inbox', { user: 'tourism.head' });
    await page.locator('#inbox-reports_owed').waitFor();
    expect(await page.locator('.inbox-page').textContent()).toContain('2025년 계획');
    const first = page.locator('.inbox-items li a').first();
    expect(await first.getAttribute('href')).toBe('/report?year=2025');
    const count = page.locator('.app-nav a[href^="/inbox"] .nav-count');
    await count.waitFor();
    expect(Number(await count.textContent())).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('tells the mayor nothing waits', async () => {
    const { page, problems, close } = await openPage(harness, '/inbox?year=2024', { user: 'mayor' });
    await page.locator('.inbox-page .state-empty').waitFor();
    expect(await page.locator('.inbox-page .state-empty').textContent()).toBe('지금 처리할 일이 없습니다.');
    expect(await page.locator('.app-nav a[href^="/inbox"] .nav-count').count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });
});
