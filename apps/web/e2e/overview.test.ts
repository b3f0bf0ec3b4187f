import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, axeViolations, type Harness, openPage, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('overview in Chromium', () => {
  it('shows the five sectors with scores and a chart drawn from the server, in Korean by default', async () => {
    const { page, problems, close } = await openPage(harness, '/?year=2024&asOf=2024-06');
    await page.locator('.sector-card').first().waitFor();
    expect(await page.locator('.sector-card').count()).toBe(5);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await expect.poll(() => page.locator('h2#sectors-title').textContent()).toBe('5대 분야');
    // Bars drawn by Recharts, one per sector.
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.locator('.recharts-bar-rectangle').count()).toBe(5);

    const overview = await (
      await fetch(
        `${harness.base}/trpc/plan.overview?input=${encodeURIComponent(JSON.stringify({ year: 2024, asOf: '2024-06' }))}`,
      )
    ).json();
    const eco = overview.result.data.sectors[0];
    const shown = await page.locator('[data-sector="ECO"] .sector-score').textContent();
    expect(shown).toContain(`${(eco.score * 100).toFixed(1)}%`);
    // A score over fewer indicators than the plan's says how many it stands on.
    const counts = overview.result.data.statusCounts;
    const total = counts.on_track + counts.at_risk + counts.off_track + counts.no_data;
    expect(counts.no_data).toBeGreaterThan(0);
    expect(await page.locator('.plan-score .muted').textContent()).toContain(
      `지표 ${total}개 중 ${total - counts.no_data}개로 산정`,
    );
    const ecoWithData = eco.indicatorCount - eco.statusCounts.no_data;
    expect(await page.locator('[data-sector="ECO"] .muted').first().textContent()).toContain(
      `지표 ${eco.indicatorCount}개 중 ${ecoWithData}개로 산정`,
    );
    await page.screenshot({ path: join(ARTEFACTS, 'overview-ko-2024-06.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it('recomputes when the as-of month changes, and keeps it in the URL', async () => {
    const { page, problems, close } = await openPage(harness, '/?year=2024&asOf=2024-06');
    const score = page.locator('[data-sector="BAL"] .sector-score');
    await score.waitFor();
    const june = await score.textContent();
    await page.locator('.as-of select').selectOption('2024-12');
    await expect.poll(() => score.textContent()).not.toBe(june);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2024-12');
    await page.goBack();
    await expect.poll(() => score.textContent()).toBe(june);
    expect(problems).toEqual([]);
    await close();
  });

  it('switches to English and remembers the choice', async () => {
    const { page, problems, close } = await openPage(harness, '/?year=2024&asOf=2024-12');
    await page.locator('.sector-card').first().waitFor();
    await page.getByRole('button', { name: /^English/ }).click();
    await expect.poll(() => page.locator('h2#sectors-title').textContent()).toBe('Five sectors');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('[data-sector="ECO"] h3').textContent()).toBe(
      'Economic Innovation and Growth Hub City',
    );
    await page.reload();
    await expect.poll(() => page.locator('h2#sectors-title').textContent()).toBe('Five sectors');
    // No Korean left in the English view's headings and labels.
    const headings = await page.locator('h1, h2, h3, h4, .status, .label').allTextContents();
    expect(headings.filter((text) => /[가-힣]/.test(text))).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'overview-en-2024-12.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the five furthest off track with how many there are, and 모두 보기 opens all of them', async () => {
    const input = { year: 2024, asOf: '2024-06' };
    const get = async (procedure: string, body: Record<string, unknown>) =>
      (
        await (
          await fetch(`${harness.base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(body))}`)
        ).json()
      ).result.data;
    const overview = await get('plan.overview', input);
    const all = await get('indicators.list', { ...input, status: 'off_track', sort: 'attainment' });
    expect(overview.offTrack.total).toBe(all.total);
    expect(all.total).toBeGreaterThan(5);
    const { page, problems, close } = await openPage(harness, '/?year=2024&asOf=2024-06');
    const section = page.locator('.off-track-section');
    await section.locator('.off-track li').first().waitFor();
    expect(
      await section
        .locator('.off-track li')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-code'))),
    ).toEqual(all.indicators.slice(0, 5).map((i: { code: string }) => i.code));
    expect(await section.textContent()).toContain(`전체 ${all.total}개 중 5개`);
    // The tracks, those needing attention first, and each sector's headlines with how many there are.
    expect(await page.locator('.track').count()).toBe(overview.tracks.items.length);
    await page.screenshot({ path: join(ARTEFACTS, 'overview-top-ko.png'), fullPage: true });
    await section.getByRole('link', { name: /모두 보기/ }).click();
    await page.locator('.indicators-page .indicator-table tbody tr').first().waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/indicators');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      year: '2024',
      asOf: '2024-06',
      status: 'off_track',
      sort: 'attainment',
    });
    await expect
      .poll(() =>
        page
          .locator('.indicator-table tbody tr')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code'))),
      )
      .toEqual(all.indicators.map((i: { code: string }) => i.code));
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('달성률');
    expect(problems).toEqual([]);
    await close();
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    for (const language of ['ko', 'en'] as const) {
      const { page, close } = await openPage(harness, '/?year=2024&asOf=2024-12', {
        language,
        bypassCSP: true,
      });
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      const violations = await axeViolations(page);
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        language,
      ).toEqual([]);
      await close();
    }
  });
});

describe('keyboard and tablet', () => {
  it('can be used with the keyboard alone: skip link, as-of month, sorting a table', async () => {
    const { page, problems, close } = await openPage(harness, '/sectors/ECO?year=2024&asOf=2024-06');
    await page.locator('.indicator-table').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main');
    const header = page.locator('.indicator-table').first().locator('th', { hasText: '달성률' });
    await header.locator('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => header.getAttribute('aria-sort')).toMatch(/ascending|descending/);
    await page.locator('.as-of select').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => new URL(page.url()).searchParams.get('asOf')).toBe('2024-07');
    expect(problems).toEqual([]);
    await close();
  });

  it('fits a 768-pixel tablet without sideways scrolling of the page', async () => {
    const { page, problems, close } = await openPage(harness, '/?year=2024&asOf=2024-12', { width: 768 });
    await page.locator('.sector-card').first().waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTEFACTS, 'overview-ko-768.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });
});
