import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, axeViolations, type Harness, openPage, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const SECTORS = ['ECO', 'SAF', 'BAL', 'CUL', 'ADM'] as const;
/** PDFs of the briefings land beside the screenshots' folder. */
const RESULTS = join(ARTEFACTS, '..');

type Status = 'on_track' | 'at_risk' | 'off_track' | 'no_data';
interface Indicator {
  code: string;
  headline: boolean;
  name: { ko: string; en: string };
  project: { code: string };
  figures: { attainment: number | null; status: Status };
}
interface Detail {
  asOf: string;
  sector: { code: string; name: { ko: string; en: string } };
  score: number | null;
  statusCounts: Record<Status, number>;
  indicatorCount: number;
  headlineCount: number;
}
interface Page<T> {
  items: T[];
  total: number;
}

async function call<T>(procedure: string, input: unknown): Promise<T> {
  const response = await fetch(
    `${harness.base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  const body = (await response.json()) as { result?: { data: T } };
  if (!body.result) throw new Error(`${procedure}: ${JSON.stringify(body)}`);
  return body.result.data;
}

const detailOf = (sector: string, asOf = '2024-06') =>
  call<Detail>('sectors.detail', { year: 2024, asOf, sector });
/** The sector's indicators as the server lists them: in plan order, or sorted. */
const indicatorsOf = async (sector: string, order: Record<string, string> = {}, asOf = '2024-06') =>
  (await call<Page<Indicator>>('sectors.indicators', { year: 2024, asOf, sector, limit: 100, ...order }))
    .items;
const milestoneCountOf = async (sector: string) => {
  const { tracks } = await call<{ tracks: { milestoneCount: number }[] }>('milestones.timeline', {
    year: 2024,
    asOf: '2024-06',
    sector,
    limit: 20,
  });
  return tracks.reduce((sum, track) => sum + track.milestoneCount, 0);
};
const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

async function rowCodes(page: PlaywrightPage): Promise<string[]> {
  return page
    .locator('.sector-strategies .indicator-table tbody tr[data-code]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code') ?? ''));
}

describe('sector page in Chromium', () => {
  it('loads every sector with the indicators, score, counts, charts and milestones the server computes', async () => {
    for (const code of SECTORS) {
      const detail = await detailOf(code);
      const indicators = await indicatorsOf(code);
      const { page, problems, close } = await openPage(harness, `/sectors/${code}?year=2024&asOf=2024-06`);
      await expect.poll(() => page.locator('.sector-page h1').textContent()).toBe(detail.sector.name.ko);
      // The seed's sectors fit on one page of 25: every indicator, in plan order, under its project.
      await page.locator('.sector-strategies .indicator-table').waitFor();
      expect(detail.indicatorCount).toBeLessThanOrEqual(25);
      expect(await rowCodes(page), code).toEqual(indicators.map((i) => i.code));
      const projects = [...new Set(indicators.map((i) => i.project.code))];
      expect(
        await page
          .locator('.indicator-group')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-project'))),
      ).toEqual(projects);
      expect(await page.locator('.sector-strategies .pager').count()).toBe(0);
      expect(await page.locator('.sector-score-value').textContent()).toBe(percent(detail.score ?? 0));
      for (const status of ['on_track', 'at_risk', 'off_track', 'no_data'] as const) {
        expect(
          await page.locator(`.sector-heading [data-status="${status}"] .status-count`).textContent(),
        ).toBe(String(detail.statusCounts[status]));
      }
      // One small multiple per headline indicator, each with drawn lines.
      await page.locator('.sector-multiple .recharts-line-curve').first().waitFor({ state: 'attached' });
      expect(await page.locator('.sector-multiple').count(), code).toBe(
        indicators.filter((i) => i.headline).length,
      );
      expect(detail.headlineCount).toBe(indicators.filter((i) => i.headline).length);
      for (const chart of await page.locator('.sector-multiple').all()) {
        expect(await chart.locator('.recharts-line').count()).toBe(3);
        expect(await chart.locator('.recharts-reference-line').count()).toBe(1);
      }
      // The score line has one dot per month up to June; the status bars carry the counts as labels.
      await page.locator('.sector-history-chart .recharts-line-dots circle').first().waitFor();
      expect(await page.locator('.sector-history-chart .recharts-line-dots circle').count()).toBe(6);
      const labels = await page
        .locator('.sector-distribution-chart .recharts-label-list text')
        .allTextContents();
      expect(labels.map(Number).reduce((a, b) => a + b, 0)).toBe(detail.indicatorCount);
      expect(await page.locator('.sector-milestone-table tbody tr').count(), code).toBe(
        await milestoneCountOf(code),
      );
      // Every indicator links to its page and to its owner.
      const links = await page
        .locator('.sector-strategies .indicator-table tbody tr td:first-child a')
        .count();
      expect(links).toBe(detail.indicatorCount);
      expect(await page.locator('.sector-strategies .indicator-table a[href^="/departments/"]').count()).toBe(
        detail.indicatorCount,
      );
      expect(await page.locator('.sector-briefing-link').getAttribute('href')).toBe(
        `/sectors/${code}/briefing?year=2024&asOf=2024-06`,
      );
      if (code === 'ECO') {
        await page.screenshot({ path: join(ARTEFACTS, 'sector-ECO-ko.png'), fullPage: true });
      }
      if (code === 'BAL') {
        await page.screenshot({ path: join(ARTEFACTS, 'sector-BAL-ko.png'), fullPage: true });
      }
      expect(problems, code).toEqual([]);
      await close();
    }
  }, 120_000);

  it("takes /sectors, an address shortened by hand, to the overview's sector cards in the same view", async () => {
    const { page, problems, close } = await openPage(harness, '/sectors?year=2024&asOf=2024-06');
    await page.locator('.sector-card').first().waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/');
    expect(url.search).toBe('?year=2024&asOf=2024-06');
    expect(await page.locator('.sector-card').count()).toBe(5);
    expect(problems).toEqual([]);
    await close();
  });

  it('has the server sort the whole sector by attainment, the order in the URL', async () => {
    const ascending = await indicatorsOf('ECO', { sort: 'attainment', order: 'asc' });
    const descending = await indicatorsOf('ECO', { sort: 'attainment', order: 'desc' });
    expect(ascending.map((i) => i.code)).not.toEqual((await indicatorsOf('ECO')).map((i) => i.code));
    const { page, problems, close } = await openPage(harness, '/sectors/ECO?year=2024&asOf=2024-06');
    const table = page.locator('.sector-strategies .indicator-table');
    await table.waitFor();
    const header = table.locator('th', { has: page.getByRole('button', { name: /달성률/ }) });
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => rowCodes(page)).toEqual(ascending.map((i) => i.code));
    expect(new URL(page.url()).searchParams.get('sort')).toBe('attainment');
    // Sorted, the rows no longer follow projects.
    expect(await page.locator('.indicator-group').count()).toBe(0);
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => rowCodes(page)).toEqual(descending.map((i) => i.code));
    expect(new URL(page.url()).searchParams.get('order')).toBe('desc');
    await page.goBack();
    await expect.poll(() => rowCodes(page)).toEqual(ascending.map((i) => i.code));
    expect(problems).toEqual([]);
    await close();
  }, 120_000);

  it('recomputes the figures and the charts when the as-of month changes', async () => {
    const [june, december] = await Promise.all([detailOf('ECO', '2024-06'), detailOf('ECO', '2024-12')]);
    expect(june.score).not.toBe(december.score);
    const { page, problems, close } = await openPage(harness, '/sectors/ECO?year=2024&asOf=2024-06');
    const score = page.locator('.sector-score-value');
    await expect.poll(() => score.textContent()).toBe(percent(june.score ?? 0));
    await page.locator('.as-of select').selectOption('2024-12');
    await expect.poll(() => score.textContent()).toBe(percent(december.score ?? 0));
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2024-12');
    await expect
      .poll(() => page.locator('.sector-history-chart .recharts-line-dots circle').count())
      .toBe(12);
    expect(await page.locator('.sector-page .eyebrow').textContent()).toContain('2024년 12월');
    expect(problems).toEqual([]);
    await close();
  }, 120_000);

  it('switches to English with no Korean left in the chrome', async () => {
    const detail = await detailOf('ECO');
    const { page, problems, close } = await openPage(harness, '/sectors/ECO?year=2024&asOf=2024-06');
    await page.locator('.sector-multiple .recharts-line-curve').first().waitFor({ state: 'attached' });
    await page.getByRole('button', { name: /^English/ }).click();
    await expect.poll(() => page.locator('.sector-page h1').textContent()).toBe(detail.sector.name.en);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#sector-strategies-title').textContent()).toBe(
      'Indicators by strategy and project',
    );
    const chrome = await page
      .locator(
        '.sector-page h1, .sector-page h2, .sector-page h3, .sector-page h4, .status, .label, thead th, .chart-description, .recharts-cartesian-axis-tick, .sector-milestone-state, .sector-slippage',
      )
      .allTextContents();
    expect(chrome.filter((text) => /[가-힣]/.test(text))).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'sector-ECO-en.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  }, 120_000);

  it('has no serious or critical accessibility violations (axe-core), in Korean and English', async () => {
    for (const code of ['ECO', 'BAL']) {
      for (const language of ['ko', 'en'] as const) {
        const { page, close } = await openPage(harness, `/sectors/${code}?year=2024&asOf=2024-06`, {
          language,
          bypassCSP: true,
        });
        await page.locator('.sector-history-chart .recharts-line').first().waitFor();
        await page.locator('.sector-multiple .recharts-line-curve').first().waitFor({ state: 'attached' });
        const violations = await axeViolations(page);
        expect(
          violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
          `${code} ${language}`,
        ).toEqual([]);
        await close();
      }
    }
  }, 120_000);

  it('says plainly when the sector does not exist', async () => {
    const { page, problems, close } = await openPage(harness, '/sectors/XYZ?year=2024&asOf=2024-06');
    await expect
      .poll(() => page.locator('.sector-not-found h1').textContent())
      .toBe('분야를 찾을 수 없습니다');
    expect(await page.locator('.sector-not-found').textContent()).toContain('"XYZ"');
    await page.locator('.sector-not-found li a').first().waitFor();
    expect(await page.locator('.sector-not-found li a').count()).toBe(5);
    // The 404 from the API is the only thing the browser reports.
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    await close();
  }, 120_000);
});

describe('printable sector briefing in Chromium', () => {
  it('prints each sector on exactly one A4 page, without the app navigation', async () => {
    for (const code of SECTORS) {
      const detail = await detailOf(code);
      const indicators = await indicatorsOf(code);
      const { page, problems, close } = await openPage(
        harness,
        `/sectors/${code}/briefing?year=2024&asOf=2024-06`,
      );
      await expect.poll(() => page.locator('.briefing h1').textContent()).toBe(detail.sector.name.ko);
      expect(await page.locator('.app-header, .sector-nav, .app-nav').count()).toBe(0);
      expect(await page.locator('.briefing-score strong').textContent()).toBe(percent(detail.score ?? 0));
      expect(await page.locator('.briefing-as-of').textContent()).toContain('2024년 6월');
      expect(await page.locator('.briefing-results li').count()).toBe(
        indicators.filter((i) => i.headline).length,
      );
      expect(await page.locator('.briefing-attention tbody tr').count()).toBe(
        detail.statusCounts.off_track + detail.statusCounts.at_risk,
      );
      expect(await page.locator('.briefing-back').getAttribute('href')).toBe(
        `/sectors/${code}?year=2024&asOf=2024-06`,
      );
      expect(await page.title()).toContain(detail.sector.name.ko);

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.briefing-toolbar').isVisible()).toBe(false);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(join(RESULTS, `briefing-${code}-ko.pdf`), pdf);
      const text = pdf.toString('latin1');
      expect(text.match(/\/Type\s*\/Page(?!s)/g)?.length, `${code}: page objects in the PDF`).toBe(1);
      expect(text.match(/\/Type\s*\/Pages\b[^>]*\/Count\s+(\d+)/)?.[1], `${code}: page count`).toBe('1');
      if (code === 'ECO') {
        // The printable width of A4 with 12 mm margins (186 mm at 96 dpi), as the printed page lays out.
        await page.setViewportSize({ width: 703, height: 1031 });
        await page.screenshot({ path: join(ARTEFACTS, 'briefing-ECO-ko.png'), fullPage: true });
      }
      expect(problems, code).toEqual([]);
      await close();
    }
  }, 120_000);

  it('prints with the Print button, follows the language, and passes axe', async () => {
    const detail = await detailOf('BAL');
    const { page, problems, close } = await openPage(
      harness,
      '/sectors/BAL/briefing?year=2024&asOf=2024-06',
      {
        language: 'en',
        bypassCSP: true,
      },
    );
    await expect.poll(() => page.locator('.briefing h1').textContent()).toBe(detail.sector.name.en);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const chrome = await page
      .locator('.briefing h2, .briefing thead th, .briefing .label, .status')
      .allTextContents();
    expect(chrome.filter((text) => /[가-힣]/.test(text))).toEqual([]);
    await page.evaluate(() => {
      // biome-ignore lint/suspicious/noExplicitAny: records the call instead of opening the print dialog.
      (window as any).printed = 0;
      window.print = () => {
        // biome-ignore lint/suspicious/noExplicitAny: as above.
        (window as any).printed += 1;
      };
    });
    await page.getByRole('button', { name: 'Print' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    const violations = await axeViolations(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'briefing-BAL-en.png'), fullPage: true });
    // A link may ask for a language: ?lang=ko shows Korean whatever was stored.
    await page.goto(`${harness.base}/sectors/BAL/briefing?year=2024&asOf=2024-06&lang=ko`);
    await expect.poll(() => page.locator('.briefing h1').textContent()).toBe(detail.sector.name.ko);
    expect(problems).toEqual([]);
    await close();
  }, 120_000);
});
