import { join } from 'node:path';
import type { TFunction } from 'i18next';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent, formatValue } from '../src/format/numbers';
import { en } from '../src/i18n/en';
import { ko } from '../src/i18n/ko';
import type { RouterOutputs } from '../src/trpc';
import { ARTEFACTS, axeViolations, type Harness, openPage, startHarness } from './harness';

type Detail = RouterOutputs['indicators']['detail'];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** The detail the screen is drawn from, fetched from the same server the browser talks to. */
async function detailOf(code: string, asOf: string): Promise<Detail> {
  const input = encodeURIComponent(JSON.stringify({ year: 2024, asOf, code }));
  const response = await fetch(`${harness.base}/trpc/indicators.detail?input=${input}`);
  expect(response.status).toBe(200);
  return (await response.json()).result.data;
}

/** The app's own formatter with the common strings, so the test reads a server figure the way the screen writes it. */
function formatter(language: 'ko' | 'en') {
  const messages = language === 'ko' ? ko : en;
  const t = ((key: string, options?: { defaultValue?: string }) => {
    const found = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
    return typeof found === 'string' ? found : (options?.defaultValue ?? key);
  }) as unknown as TFunction;
  return {
    value: (value: number | null, unit: string) => formatValue(value, unit, language, t),
    percent: (fraction: number | null) => formatPercent(fraction, language),
  };
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();

/** The key figures shown match the server's for the same view. */
async function expectFigures(page: Page, detail: Detail, language: 'ko' | 'en') {
  const f = formatter(language);
  const { figures, unit } = detail.indicator;
  await expect
    .poll(() => text(page, '[data-figure="actual"] strong'))
    .toBe(f.value(figures.actualToDate, unit));
  expect(await text(page, '[data-figure="actual"] .muted')).toContain(f.value(figures.targetToDate, unit));
  expect(await text(page, '[data-figure="attainment"] strong')).toBe(f.percent(figures.attainment));
  expect(await text(page, '[data-figure="attainment"] .status')).toContain(
    (language === 'ko' ? ko : en).status[figures.status],
  );
  expect(await text(page, '[data-figure="forecast"] strong')).toBe(f.value(figures.forecastYearEnd, unit));
  expect(await text(page, '[data-figure="annual-target"] strong')).toBe(
    f.value(detail.indicator.annualTarget, unit),
  );
}

describe('indicator detail in Chromium', () => {
  it('shows a monthly sum (CUL-01 foreign visitors) with the server figures, chart, tables and a real source link', async () => {
    const detail = await detailOf('CUL-01', '2024-06');
    const f = formatter('ko');
    const { page, problems, close } = await openPage(harness, '/indicators/CUL-01?year=2024&asOf=2024-06');
    await page.locator('article.indicator[data-code="CUL-01"]').waitFor();
    expect(await text(page, 'h1')).toContain(detail.indicator.name.ko);
    await expectFigures(page, detail, 'ko');

    // Breadcrumbs: the sector is a link that keeps the view.
    const sector = page.locator('.indicator-breadcrumbs a');
    expect(await sector.textContent()).toBe(detail.indicator.sector.name.ko);
    expect(await sector.getAttribute('href')).toBe('/sectors/CUL?year=2024&asOf=2024-06');
    expect(await text(page, '.indicator-breadcrumbs')).toContain(detail.indicator.project.name.ko);

    // The run rate in words: per month, with the months left.
    const runRate = await text(page, '[data-sentence="run-rate"]');
    expect(detail.indicator.figures.runRateNeeded).not.toBeNull();
    expect(runRate).toContain(f.value(detail.indicator.figures.runRateNeeded, 'people'));
    expect(runRate).toContain('6개월');
    expect(runRate).toContain('월');

    // The source contains a URL: it is a real link, opened without giving the other site a handle.
    const link = page.locator('[data-fact="source"] a');
    expect(await link.count()).toBe(1);
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^https:\/\/m\.edaily\.co\.kr\//);
    expect(detail.indicator.source).toContain(href);
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await text(page, '[data-fact="owner"] a')).toBe(detail.indicator.department.name.ko);
    expect(await page.locator('[data-fact="owner"] a').getAttribute('href')).toBe(
      '/departments/TOURISM?year=2024&asOf=2024-06',
    );

    // The chart: target path, actual and forecast lines, per-month bars, the annual target and as-of lines.
    await page.locator('.indicator-chart .recharts-line').first().waitFor();
    expect(await page.locator('.indicator-chart .recharts-line').count()).toBe(3);
    expect(await page.locator('.indicator-chart .recharts-line-dots circle').count()).toBeGreaterThanOrEqual(
      6,
    );
    expect(await page.locator('.indicator-chart .recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('.indicator-chart .recharts-reference-line').count()).toBe(2);
    expect(await text(page, '.indicator-chart .recharts-legend-wrapper')).toContain('전망');
    expect(await page.locator('.indicator-chart .recharts-label').allTextContents()).toContain('단위: 명');

    // The same series as a table, and every reported value with its note and who entered it.
    expect(await page.locator('.indicator-series tbody tr').count()).toBe(detail.series.length);
    const june = detail.series.find((p) => p.period === '2024-06');
    expect(await text(page, '.indicator-series tr[data-period="2024-06"]')).toContain(
      f.value(june?.actualToDate ?? null, 'people'),
    );
    expect(await text(page, '.indicator-series tr[data-period="2024-06"] th')).toContain('기준 시점');
    // Only the values the June figures count; later months' values are left out and said so.
    const counted = detail.measurements.filter((m) => m.countedAsOf);
    expect(counted.map((m) => m.period)).toEqual(
      detail.series.filter((p) => p.value !== null).map((p) => p.period),
    );
    expect(await page.locator('.indicator-measurements tbody tr').count()).toBe(counted.length);
    expect(await page.locator('[data-later]').getAttribute('data-later')).toBe(
      String(detail.measurements.length - counted.length),
    );
    expect(await text(page, '.indicator-measurements tbody tr:first-child')).toContain(
      detail.measurements[0]?.enteredBy ?? '—',
    );

    await page.screenshot({ path: join(ARTEFACTS, 'indicator-CUL-01-ko.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it('shows a lower-is-better level (ADM-01 GFCI rank) and recomputes when the as-of month changes', async () => {
    const june = await detailOf('ADM-01', '2024-06');
    const december = await detailOf('ADM-01', '2024-12');
    expect(june.indicator.figures.actualToDate).toBe(27);
    expect(december.indicator.figures.actualToDate).toBe(25);
    const { page, problems, close } = await openPage(harness, '/indicators/ADM-01?year=2024&asOf=2024-06', {
      language: 'en',
    });
    await page.locator('article.indicator[data-code="ADM-01"]').waitFor();
    expect(await text(page, 'h1')).toContain(june.indicator.name.en);
    await expectFigures(page, june, 'en');
    expect(await text(page, '[data-figure="actual"] strong')).toBe('#27');
    expect(await text(page, '[data-fact="direction"] dd')).toBe('Lower is better');
    expect(await text(page, '[data-fact="aggregation"] dd')).toBe('Latest level');
    expect(await text(page, '[data-fact="frequency"] dd')).toBe('Quarterly');
    expect(await text(page, '[data-fact="unit"] dd')).toBe('Rank');
    // An invented figure says so in words.
    expect(await text(page, '[data-fact="source"] dd')).toBe('Illustrative (invented for the demonstration)');
    // The rank must climb: said per quarter.
    expect(await text(page, '[data-sentence="run-rate"]')).toMatch(/rank must climb .* a quarter/);
    await page.locator('.indicator-chart .recharts-line').first().waitFor();
    expect(await page.locator('.indicator-chart .recharts-line').count()).toBe(3);

    await page.locator('.as-of select').selectOption('2024-12');
    await expect.poll(() => text(page, '[data-figure="actual"] strong')).toBe('#25');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2024-12');
    await expectFigures(page, december, 'en');
    // The reported values carry their sources' URLs as links.
    const links = page.locator('.indicator-measurements a[href^="http"]');
    expect(await links.count()).toBe(
      december.measurements.filter((m) => /https?:\/\//.test(m.source ?? '')).length,
    );
    expect(await links.first().getAttribute('rel')).toBe('noopener noreferrer');

    await page.screenshot({ path: join(ARTEFACTS, 'indicator-ADM-01-en.png'), fullPage: true });
    // No Korean left in the English headings and labels.
    const chrome = await page.locator('h2, dt, th[scope="col"], .status, .eyebrow').allTextContents();
    expect(chrome.filter((label) => /[가-힣]/.test(label))).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows a quarterly sum (ECO-01 financial institutions) period by quarter', async () => {
    const detail = await detailOf('ECO-01', '2024-06');
    const { page, problems, close } = await openPage(harness, '/indicators/ECO-01?year=2024&asOf=2024-06');
    await page.locator('article.indicator[data-code="ECO-01"]').waitFor();
    await expectFigures(page, detail, 'ko');
    expect(await page.locator('.indicator-series tbody tr').count()).toBe(4);
    expect(await text(page, '.indicator-series tbody tr:first-child th')).toBe('2024년 1분기');
    expect(await text(page, '[data-sentence="run-rate"]')).toContain('분기당');
    expect(await text(page, '[data-sentence="run-rate"]')).toContain('2개 분기');
    expect(await text(page, '[data-fact="frequency"] dd')).toBe('분기별');
    await page.locator('.indicator-chart .recharts-line').first().waitFor();
    expect(await page.locator('.indicator-chart .recharts-line').count()).toBe(3);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows a milestone indicator (BAL-01 Gadeokdo airport) with its milestones instead of reported values', async () => {
    const detail = await detailOf('BAL-01', '2024-06');
    expect(detail.milestones.length).toBeGreaterThan(0);
    const { page, problems, close } = await openPage(harness, '/indicators/BAL-01?year=2024&asOf=2024-06');
    await page.locator('article.indicator[data-code="BAL-01"]').waitFor();
    await expectFigures(page, detail, 'ko');
    expect(await page.locator('[data-section="measurements"]').count()).toBe(0);
    expect(await page.locator('.indicator-milestones tbody tr').count()).toBe(detail.milestones.length);
    for (const milestone of detail.milestones) {
      const row = `.indicator-milestones tr[data-milestone="${milestone.code}"]`;
      expect(await text(page, row)).toContain(milestone.name.ko);
      expect(await text(page, `${row} .indicator-milestone-state`)).toBe(ko.milestoneState[milestone.state]);
      if (milestone.slippageDays > 0)
        expect(await text(page, row)).toContain(`${milestone.slippageDays}일 지연`);
    }
    expect(await page.locator('.indicator-milestones a[href^="http"]').count()).toBeGreaterThan(0);
    await page.locator('.indicator-chart .recharts-line').first().waitFor();
    expect(await page.locator('.indicator-chart .recharts-line').count()).toBe(3);
    await page.screenshot({ path: join(ARTEFACTS, 'indicator-BAL-01-ko.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it('says so when an indicator has no data yet (SAF-01)', async () => {
    const detail = await detailOf('SAF-01', '2024-06');
    expect(detail.indicator.figures.status).toBe('no_data');
    const { page, problems, close } = await openPage(harness, '/indicators/SAF-01?year=2024&asOf=2024-06');
    await page.locator('article.indicator[data-code="SAF-01"]').waitFor();
    await expectFigures(page, detail, 'ko');
    expect(await text(page, '[data-sentence="actual"]')).toContain('보고된 실적이 없어');
    expect(await text(page, '[data-section="measurements"]')).toContain('아직 보고된 실적이 없습니다.');
    expect(await text(page, '[data-fact="baseline"] dd')).toContain('2018년');
    // The one-period target still draws, as a dot.
    await page.locator('.indicator-chart .recharts-line-dots circle').first().waitFor();
    expect(await page.locator('.indicator-chart .recharts-line').count()).toBe(3);
    expect(problems).toEqual([]);
    await close();
  });

  it('says clearly when the code names no indicator', async () => {
    const { page, problems, close } = await openPage(harness, '/indicators/NOPE-99?year=2024&asOf=2024-06');
    await expect.poll(() => text(page, '.indicator-not-found h1')).toBe('지표를 찾을 수 없습니다');
    expect(await text(page, '.indicator-not-found')).toContain('NOPE-99');
    // The only console line allowed is the browser's own note of the 404 response.
    expect(problems.filter((problem) => !/404/.test(problem))).toEqual([]);
    await close();
  });

  it('switches to English', async () => {
    const detail = await detailOf('CUL-01', '2024-06');
    const { page, problems, close } = await openPage(harness, '/indicators/CUL-01?year=2024&asOf=2024-06');
    await page.locator('article.indicator').waitFor();
    expect(await text(page, '#indicator-figures-title')).toBe('핵심 수치');
    await page.getByRole('button', { name: /^English/ }).click();
    await expect.poll(() => text(page, 'h1')).toContain(detail.indicator.name.en);
    expect(await text(page, '#indicator-figures-title')).toBe('Key figures');
    await expectFigures(page, detail, 'en');
    expect(await text(page, '[data-sentence="run-rate"]')).toContain('a month');
    expect(problems).toEqual([]);
    await close();
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    for (const [code, language] of [
      ['CUL-01', 'ko'],
      ['CUL-01', 'en'],
      ['BAL-01', 'ko'],
      ['ADM-01', 'en'],
    ] as const) {
      const { page, close } = await openPage(harness, `/indicators/${code}?year=2024&asOf=2024-06`, {
        language,
        bypassCSP: true,
      });
      await page.locator('.indicator-chart .recharts-line').first().waitFor();
      const violations = await axeViolations(page);
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        `${code} ${language}`,
      ).toEqual([]);
      await close();
    }
    // Axe on four pages: over 30 s on a machine loaded with the whole suite beside it.
  }, 90_000);
});
