import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, axeViolations, type Harness, openPage, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const AIRPORT = 'BAL-1-1';
const LAUNCH = 'BAL-M03';

interface Milestone {
  code: string;
  state: string;
  slippageDays: number;
  actual: string | null;
}
interface Track {
  project: { code: string; name: { ko: string; en: string } };
  maxSlippageDays: number;
  overdueCount: number;
  milestones: Milestone[];
}

async function timeline(input: Record<string, unknown>): Promise<{ tracks: Track[] }> {
  const response = await fetch(
    `${harness.base}/trpc/milestones.timeline?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  return (await response.json()).result.data;
}

/** The slippage as the screen words it, from the server's figure. */
function slipText(days: number, language: 'ko' | 'en'): string {
  if (days === 0) return language === 'ko' ? '지연 없음' : 'On schedule';
  const amount = new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-GB').format(Math.abs(days));
  if (language === 'ko') return days > 0 ? `${amount}일 지연` : `${amount}일 앞당김`;
  return days > 0 ? `${amount} days late` : `${amount} days early`;
}

const row = (page: Page, code: string) => page.locator(`.milestones-row[data-code="${code}"]`);

describe('milestone timeline in Chromium', () => {
  it('draws the airport track with its milestones, states and slippage from the server', async () => {
    const { page, problems, close } = await openPage(harness, '/milestones?year=2024&asOf=2024-06');
    const track = page.locator(`.milestones-track[data-project="${AIRPORT}"]`);
    await track.locator('.milestones-row').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await page.locator('h1').textContent()).toBe('마일스톤 일정');

    const api = await timeline({ year: 2024, asOf: '2024-06' });
    expect(await page.locator('.milestones-track').count()).toBe(api.tracks.length);
    const airport = api.tracks.find((t) => t.project.code === AIRPORT);
    if (!airport) throw new Error('no airport track in the API');
    expect(airport.milestones.length).toBeGreaterThanOrEqual(8);
    expect(await track.locator('.milestones-row').count()).toBe(airport.milestones.length);
    await expect.poll(() => track.locator('h2').textContent()).toBe(airport.project.name.ko);

    // Every row shows the server's state and slippage; markers are drawn for the in-year dates.
    for (const milestone of airport.milestones) {
      const text = await row(page, milestone.code).textContent();
      expect(text, milestone.code).toContain(slipText(milestone.slippageDays, 'ko'));
      expect(await row(page, milestone.code).getAttribute('data-state'), milestone.code).toBe(
        milestone.state,
      );
    }
    expect(await track.locator('.milestones-marker-planned').count()).toBeGreaterThan(8);
    expect(await track.locator('.milestones-bar-late').count()).toBeGreaterThan(0);
    expect(await track.locator('.milestones-asof').count()).toBe(1);
    // The opening in 2029 lies outside the plan year: held at the edge with its date.
    expect(await row(page, 'BAL-M15').locator('.milestones-edge-after').textContent()).toContain('2029');
    expect(await track.locator('.milestones-max-slip').textContent()).toBe(`${airport.maxSlippageDays}일`);
    expect(await track.locator('.milestones-overdue').textContent()).toContain(
      `기한 경과 ${airport.overdueCount}건`,
    );

    // The construction authority launch (planned 2024-05-31) is done as of June.
    expect(await row(page, LAUNCH).getAttribute('data-state')).toBe('done_on_time');
    expect(await row(page, LAUNCH).locator('.milestones-state').textContent()).toContain('완료');
    expect(await row(page, LAUNCH).locator('.milestones-marker-done').count()).toBe(1);

    await page.screenshot({ path: join(ARTEFACTS, 'milestones-ko.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it('does not mark the launch done as of April, and follows the as-of month in the URL', async () => {
    const { page, problems, close } = await openPage(harness, '/milestones?year=2024&asOf=2024-04');
    await row(page, LAUNCH).waitFor();
    const april = (await timeline({ year: 2024, asOf: '2024-04' })).tracks
      .find((t) => t.project.code === AIRPORT)
      ?.milestones.find((m) => m.code === LAUNCH);
    expect(april?.actual).toBeNull();
    expect(await row(page, LAUNCH).getAttribute('data-state')).toBe(april?.state);
    expect(await row(page, LAUNCH).getAttribute('data-state')).not.toMatch(/^done/);
    expect(await row(page, LAUNCH).locator('.milestones-marker-done').count()).toBe(0);

    await page.locator('.as-of select').selectOption('2024-06');
    await expect.poll(() => row(page, LAUNCH).getAttribute('data-state')).toBe('done_on_time');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2024-06');
    expect(problems).toEqual([]);
    await close();
  });

  it('filters by sector in the URL, and the back button restores the previous selection', async () => {
    const { page, problems, close } = await openPage(harness, '/milestones?year=2024&asOf=2024-12');
    await page.locator('.milestones-track').first().waitFor();
    const all = await timeline({ year: 2024, asOf: '2024-12' });
    const balanced = await timeline({ year: 2024, asOf: '2024-12', sector: 'BAL' });
    expect(balanced.tracks.length).toBeLessThan(all.tracks.length);
    expect(await page.locator('.milestones-track').count()).toBe(all.tracks.length);

    await page.locator('.milestones-field select').selectOption('BAL');
    await expect.poll(() => page.locator('.milestones-track').count()).toBe(balanced.tracks.length);
    const shown = await page
      .locator('.milestones-track')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-project')));
    expect(shown.sort()).toEqual(balanced.tracks.map((t) => t.project.code).sort());
    const url = new URL(page.url());
    expect(url.searchParams.get('sector')).toBe('BAL');
    expect(url.searchParams.get('asOf')).toBe('2024-12');

    // The table view carries the same figures, also kept in the URL.
    await page.getByRole('button', { name: '표', exact: true }).click();
    await page.locator('.milestones-table').first().waitFor();
    expect(new URL(page.url()).searchParams.get('display')).toBe('table');
    const airport = balanced.tracks.find((t) => t.project.code === AIRPORT);
    for (const milestone of airport?.milestones ?? []) {
      const cell = page.locator(`.milestones-table tr[data-code="${milestone.code}"] td[data-slippage]`);
      expect(await cell.textContent(), milestone.code).toBe(slipText(milestone.slippageDays, 'ko'));
    }

    await page.goBack();
    await page.locator('.milestones-row').first().waitFor();
    await page.goBack();
    await expect.poll(() => page.locator('.milestones-track').count()).toBe(all.tracks.length);
    expect(new URL(page.url()).searchParams.get('sector')).toBeNull();
    expect(await page.locator('.milestones-field select').inputValue()).toBe('');
    expect(problems).toEqual([]);
    await close();
  });

  it('switches to English, and shows the whole span up to the 2029 opening', async () => {
    const { page, problems, close } = await openPage(harness, '/milestones?year=2024&asOf=2024-12');
    await row(page, LAUNCH).waitFor();
    await page.getByRole('button', { name: /^English/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Milestone timeline');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const api = await timeline({ year: 2024, asOf: '2024-12' });
    const airport = api.tracks.find((t) => t.project.code === AIRPORT);
    expect(await page.locator(`#track-${AIRPORT}`).textContent()).toBe(airport?.project.name.en);
    expect(await row(page, LAUNCH).locator('.milestones-state').textContent()).toContain('Done');
    for (const milestone of airport?.milestones ?? []) {
      expect(await row(page, milestone.code).textContent(), milestone.code).toContain(
        slipText(milestone.slippageDays, 'en'),
      );
    }

    await page.getByRole('button', { name: 'Whole span' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('span')).toBe('all');
    const ticks = page.locator(`.milestones-track[data-project="${AIRPORT}"] .milestones-tick`);
    await expect
      .poll(() => ticks.allTextContents())
      .toEqual(['2023', '2024', '2025', '2026', '2027', '2028', '2029']);
    expect(await row(page, 'BAL-M15').locator('.milestones-edge').count()).toBe(0);

    const chrome = await page
      .locator('h1, h2, .milestones-state, .milestones-slip, .milestones-legend, dt, legend, button, th')
      .allTextContents();
    expect(chrome.filter((text) => /[가-힣]/.test(text) && !text.includes('한국어'))).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'milestones-en.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it('has no serious or critical accessibility violations (axe-core), in Korean and English', async () => {
    for (const language of ['ko', 'en'] as const) {
      for (const display of ['timeline', 'table']) {
        const { page, close } = await openPage(
          harness,
          `/milestones?year=2024&asOf=2024-06&display=${display}`,
          { language, bypassCSP: true },
        );
        await page.locator('.milestones-track').first().waitFor();
        const violations = await axeViolations(page);
        expect(
          violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
          `${language} ${display}`,
        ).toEqual([]);
        await close();
      }
    }
  });
});
