/**
 * A draft plan's indicator in Chromium: the planning office starts 2026 from 2025 (copy-forward,
 * a draft), opens CUL-01 from the plan editor and sees its page of the 2026 draft, marked as a
 * draft, with the draft year among its years; the same address without `drafts` (the plan of
 * record) has no 2026, and the public view never sees the draft, whatever it asks for.
 */

import { join } from 'node:path';
import { callerAs } from '@tangible/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages as indicatorMessages } from '../src/routes/indicator/messages';
import { ARTEFACTS, type Harness, openPage, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ publicDashboard: true });
  const planner = await callerAs(harness.db, 'planner');
  await planner.planEditor.copyForward({ fromYear: 2025, toYear: 2026 });
});
afterAll(async () => {
  await harness?.close();
});

describe('a draft plan’s indicator page', () => {
  it.each([
    ['en', indicatorMessages.en],
    ['ko', indicatorMessages.ko],
  ] as const)('opens from the plan editor with drafts, marked as a draft (%s)', async (language, words) => {
    const { page, problems, close } = await openPage(harness, '/plan?plan=2026', {
      user: 'planner',
      language,
    });
    await page.locator('li[data-code="CUL-01"] a.code').click();
    await page.waitForURL((url) => url.pathname === '/indicators/CUL-01');
    const url = new URL(page.url());
    expect([url.searchParams.get('year'), url.searchParams.get('drafts')]).toEqual(['2026', '1']);
    await page.locator('.indicator-draft').waitFor();
    expect(await page.locator('.indicator-draft').textContent()).toBe(
      `${words.draft.badge} ${words.draft.note.replace('{{year}}', '2026')}`,
    );
    expect(await page.locator('#indicator-title').textContent()).toContain('CUL-01');
    // The year picker lists the draft year and shows it chosen.
    await expect.poll(() => page.locator('.plan-year select').inputValue()).toBe('2026');
    // The years side by side include the draft year, marked as one (years.indicator with drafts).
    const draftYear = page.locator('.indicator-years-table tr[data-year="2026"]');
    await draftYear.waitFor();
    expect(await draftYear.textContent()).toContain(words.years.draft);
    await page.screenshot({ path: join(ARTEFACTS, `indicator-draft-${language}.png`), fullPage: true });
    // A link onwards (the sector) keeps asking for the draft.
    const sector = await page.locator('.indicator-breadcrumbs a').first().getAttribute('href');
    expect(sector).toContain('drafts=1');
    expect(problems).toEqual([]);
    await close();
  });

  it('without drafts, the same year is no plan of record, and a confirmed year is unmarked', async () => {
    const { page, close } = await openPage(harness, '/indicators/CUL-01?year=2026', {
      user: 'planner',
      language: 'en',
    });
    await page.locator('.indicator-not-found').waitFor();
    await page.goto(`${harness.base}/indicators/CUL-01?year=2025&drafts=1`);
    await page.locator('.indicator-years-table tr[data-year="2026"]').waitFor();
    expect(await page.locator('.indicator-draft').count()).toBe(0);
    await close();
  });

  it('never shows the draft on the public view, even asked for', async () => {
    const { page, close } = await openPage(harness, '/indicators/CUL-01?year=2026&drafts=1', {
      user: null,
      language: 'en',
    });
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.indicator-draft').count()).toBe(0);
    expect(await page.locator('#indicator-title').count()).toBe(0);
    await close();
  });
});
