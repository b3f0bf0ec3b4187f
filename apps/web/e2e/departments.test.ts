import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, type Harness, openPage, seriousViolations, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

interface Indicator {
  code: string;
  frequency: 'monthly' | 'quarterly' | 'annual';
  figures: { attainment: number | null; periodsDue: number; periodsReported: number };
}
interface Department {
  code: string;
  name: { ko: string; en: string };
  score: number | null;
  indicatorCount: number;
  unreportedCount: number;
}
interface Detail {
  department: { code: string; name: { ko: string; en: string } };
  indicatorCount: number;
  unreportedCount: number;
  milestoneCount: number;
}

async function call<T>(procedure: string, input: Record<string, unknown>): Promise<T> {
  const response = await fetch(
    `${harness.base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  return (await response.json()).result.data as T;
}
const comparison = (input: Record<string, unknown>) =>
  call<{ departments: Department[] }>('departments.comparison', { year: 2024, ...input });
const detail = (department: string, asOf: string) =>
  call<Detail>('departments.detail', { year: 2024, asOf, department });
/** Indicators as indicators.list gives them (100 at most: the seed's lists all fit). */
const indicatorsOf = async (input: Record<string, unknown>) =>
  (await call<{ indicators: Indicator[] }>('indicators.list', { year: 2024, limit: 100, ...input }))
    .indicators;

/** A score as the screen shows it (formatPercent). */
function percent(score: number | null, language: 'ko' | 'en'): string {
  if (score === null) return language === 'ko' ? '산정 불가' : 'No score';
  return `${new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 1 }).format(score * 100)}%`;
}

const scoreCell = (page: Page, code: string) =>
  page.locator(`.departments-table tr[data-department="${code}"] .departments-col-score`);

describe('department comparison in Chromium', () => {
  it('shows every department with its score, and draws both charts from the server', async () => {
    const { page, problems, close } = await openPage(harness, '/departments?year=2024&asOf=2024-06');
    await page.locator('.departments-table tbody tr').first().waitFor();
    const { departments } = await comparison({ asOf: '2024-06' });
    expect(departments.length).toBeGreaterThan(10);
    expect(await page.locator('.departments-table tbody tr').count()).toBe(departments.length);
    for (const department of departments) {
      const row = page.locator(`.departments-table tr[data-department="${department.code}"]`);
      expect(await row.locator('a').textContent(), department.code).toBe(department.name.ko);
      expect(await scoreCell(page, department.code).textContent(), department.code).toBe(
        percent(department.score, 'ko'),
      );
      expect(await row.locator('.departments-col-unreportedCount').textContent()).toBe(
        String(department.unreportedCount),
      );
    }

    // Score chart: one bar per department (a stub labelled "산정 불가" without a score), and the 95 % line.
    const scoreChart = page.locator('[data-chart="department-score"]');
    await scoreChart.locator('.recharts-bar-rectangle path').first().waitFor();
    expect(await scoreChart.locator('.recharts-bar-rectangle path').count()).toBe(departments.length);
    expect(await scoreChart.locator('.recharts-reference-line').count()).toBe(1);
    const scoreLabels = await scoreChart.locator('.recharts-label-list text').allTextContents();
    for (const department of departments) expect(scoreLabels).toContain(percent(department.score, 'ko'));
    // Indicator chart: one bar per indicator, each labelled with its attainment or "no data".
    const indicatorChart = page.locator('[data-chart="indicator-attainment"]');
    const indicators = await indicatorsOf({ asOf: '2024-06' });
    expect(await indicatorChart.locator('.recharts-bar-rectangle path').count()).toBe(indicators.length);
    const attainmentLabels = await indicatorChart.locator('.recharts-label-list text').allTextContents();
    expect(attainmentLabels.filter((text) => text.includes('자료 없음')).length).toBe(
      indicators.filter((i) => i.figures.attainment === null).length,
    );
    for (const indicator of indicators.filter((i) => i.figures.attainment !== null)) {
      expect(
        attainmentLabels.some((text) => text.endsWith(` ${percent(indicator.figures.attainment, 'ko')}`)),
      ).toBe(true);
    }

    // Sorting by score (numbers sort highest first, on the server) puts the best department first.
    const scoreHeading = page.locator('.departments-table th', { hasText: '달성도' });
    await scoreHeading.locator('button').click();
    await expect.poll(() => scoreHeading.getAttribute('aria-sort')).toBe('descending');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('score');
    const best = [...departments].sort((a, b) => (b.score ?? -1) - (a.score ?? -1))[0];
    await expect
      .poll(() =>
        page.locator('.departments-table tbody tr').first().locator('.departments-col-score').textContent(),
      )
      .toBe(percent(best?.score ?? null, 'ko'));

    await page.screenshot({ path: join(ARTEFACTS, 'departments-ko.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it('filters by sector in the URL, chooses a department for the indicator chart, and goes back', async () => {
    const { page, problems, close } = await openPage(harness, '/departments?year=2024&asOf=2024-06');
    await page.locator('.departments-table tbody tr').first().waitFor();
    const all = await comparison({ asOf: '2024-06' });
    const safety = await comparison({ asOf: '2024-06', sector: 'SAF' });
    expect(safety.departments.length).toBeLessThan(all.departments.length);

    await page.locator('.page-header select').selectOption('SAF');
    await expect
      .poll(() => page.locator('.departments-table tbody tr').count())
      .toBe(safety.departments.length);
    expect(new URL(page.url()).searchParams.get('sector')).toBe('SAF');
    for (const department of safety.departments) {
      expect(await scoreCell(page, department.code).textContent()).toBe(percent(department.score, 'ko'));
    }

    const carbon = safety.departments.find((d) => d.code === 'CARBON');
    const chooser = page.locator('.departments-chart-controls select');
    await chooser.selectOption('CARBON');
    expect(new URL(page.url()).searchParams.get('department')).toBe('CARBON');
    const bars = page.locator('[data-chart="indicator-attainment"] .recharts-bar-rectangle path');
    expect(carbon).toBeDefined();
    await expect
      .poll(() => bars.count())
      .toBe((await indicatorsOf({ asOf: '2024-06', sector: 'SAF', department: 'CARBON' })).length);

    await page.goBack();
    await page.goBack();
    await expect.poll(() => page.locator('.departments-table tbody tr').count()).toBe(all.departments.length);
    expect(new URL(page.url()).searchParams.get('sector')).toBeNull();
    expect(problems).toEqual([]);
    await close();
  });

  it('recomputes the scores when the as-of month changes', async () => {
    const { page, problems, close } = await openPage(harness, '/departments?year=2024&asOf=2024-06');
    await page.locator('.departments-table tbody tr').first().waitFor();
    const june = await comparison({ asOf: '2024-06' });
    const december = await comparison({ asOf: '2024-12' });
    const changed = december.departments.find(
      (d) =>
        percent(d.score, 'ko') !==
        percent(june.departments.find((j) => j.code === d.code)?.score ?? null, 'ko'),
    );
    if (!changed) throw new Error('no department score changes from June to December');
    await page.locator('.as-of select').selectOption('2024-12');
    await expect.poll(() => scoreCell(page, changed.code).textContent()).toBe(percent(changed.score, 'ko'));
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2024-12');
    expect(problems).toEqual([]);
    await close();
  });

  it('has no serious or critical accessibility violations (axe-core), in Korean and English', async () => {
    for (const language of ['ko', 'en'] as const) {
      for (const path of ['/departments?year=2024&asOf=2024-12', '/departments/FIN?year=2024&asOf=2024-12']) {
        const { page, close } = await openPage(harness, path, { language, bypassCSP: true });
        await page.locator('.data-table tbody tr').first().waitFor();
        await page.locator('h1').first().waitFor();
        if (!path.includes('FIN')) await page.locator('.recharts-bar-rectangle').first().waitFor();
        expect(await seriousViolations(page), `${language} ${path}`).toEqual([]);
        await close();
      }
    }
  });
});

describe('department page in Chromium', () => {
  it('opens from the comparison and lists what TOURISM owns, in English', async () => {
    const { page, problems, close } = await openPage(harness, '/departments?year=2024&asOf=2024-06', {
      language: 'en',
    });
    const tourism = await detail('TOURISM', '2024-06');
    const owned = await indicatorsOf({ asOf: '2024-06', department: 'TOURISM' });
    await page.locator('.departments-table tr[data-department="TOURISM"] a').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(tourism.department.name.en);
    expect(new URL(page.url()).pathname).toBe('/departments/TOURISM');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2024-06');

    // The heading comes with the department; its indicators are a request of their own.
    await page.locator('.indicator-table tbody tr').first().waitFor();
    const codes = await page
      .locator('.indicator-table tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(codes).toEqual(owned.map((i) => i.code));
    expect(codes).toHaveLength(tourism.indicatorCount);
    // The owner column is left out on the owner's own page.
    expect(await page.locator('.indicator-table th', { hasText: 'Owner' }).count()).toBe(0);
    expect(tourism.unreportedCount).toBe(0);
    expect(await page.locator('.departments-unreported .departments-none').textContent()).toBe(
      'Every period due by the as-of month has been reported.',
    );
    const chrome = await page.locator('h1, h2, th, .status, .label, .departments-none').allTextContents();
    expect(chrome.filter((text) => /[가-힣]/.test(text))).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'department-TOURISM-en.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it.each([
    ['CARBON', '2024-12'],
    ['FIN', '2024-06'],
    ['TRANSIT', '2024-12'],
  ])('lists %s’s unreported indicators as of %s, in words, as the API does', async (code, asOf) => {
    const { page, problems, close } = await openPage(harness, `/departments/${code}?year=2024&asOf=${asOf}`);
    const api = await detail(code, asOf);
    const unreported = await indicatorsOf({ asOf, department: code, unreported: true });
    expect(unreported.length).toBe(api.unreportedCount);
    expect(api.unreportedCount).toBeGreaterThan(0);
    await page.locator('.indicator-table tbody tr').first().waitFor();
    expect(await page.locator('.indicator-table tbody tr').count()).toBe(api.indicatorCount);
    const listed = page.locator('.departments-unreported-list li');
    await expect.poll(() => listed.count()).toBe(Math.min(10, unreported.length));
    const unit = { monthly: '개월', quarterly: '개 분기', annual: '건' } as const;
    for (const indicator of unreported.slice(0, 10)) {
      const text = await page
        .locator(`.departments-unreported-list li[data-code="${indicator.code}"]`)
        .textContent();
      const { periodsDue, periodsReported } = indicator.figures;
      expect(text, indicator.code).toContain(
        `${periodsDue}${unit[indicator.frequency]} 중 ${periodsReported}`,
      );
      expect(text, indicator.code).toContain('누락 기간');
    }
    await expect
      .poll(() => page.locator('.milestones-table tbody tr').count())
      .toBe(Math.min(25, api.milestoneCount));
    await page.screenshot({ path: join(ARTEFACTS, `department-${code}-ko.png`), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it('says clearly when a department does not exist', async () => {
    const { page, problems, close } = await openPage(harness, '/departments/NOSUCH?year=2024&asOf=2024-06');
    await expect.poll(() => page.locator('h1').textContent()).toBe('부서를 찾을 수 없습니다');
    expect(await page.locator('.departments-not-found').textContent()).toContain('NOSUCH');
    await page.locator('.departments-not-found a').click();
    await page.locator('.departments-table tbody tr').first().waitFor();
    // Only the 404 answer itself reaches the console, once: no retry, no error from the app.
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(1);
    await close();
  });
});
