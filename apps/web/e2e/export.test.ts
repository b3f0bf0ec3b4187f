import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { TFunction } from 'i18next';
import type { Download, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod } from '../src/format/numbers';
import { en } from '../src/i18n/en';
import { ko } from '../src/i18n/ko';
import type { RouterOutputs } from '../src/trpc';
import { type Harness, openPage, startHarness } from './harness';

type Sector = RouterOutputs['sectors']['detail'];
type SectorIndicators = RouterOutputs['sectors']['indicators'];
type IndicatorList = RouterOutputs['indicators']['list'];
type Comparison = RouterOutputs['departments']['comparison'];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function call<T>(procedure: string, input: Record<string, unknown>): Promise<T> {
  const response = await fetch(
    `${harness.base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  expect(response.status, procedure).toBe(200);
  return (await response.json()).result.data as T;
}

/** The common strings as the app's t() reads them, for writing a raw value the way the screen does. */
function tIn(language: 'ko' | 'en') {
  const messages = language === 'ko' ? ko : en;
  return ((key: string, options?: Record<string, unknown>) => {
    const found = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
    if (typeof found !== 'string') return key;
    return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name] ?? ''));
  }) as unknown as TFunction;
}

/** Clicks the button and reads the file the browser saves: its name, bytes and parsed records. */
async function exported(button: Locator) {
  // A button (the rows shown) or a link (the server's export of a whole list): either downloads.
  const [download]: [Download, unknown] = await Promise.all([
    button.page().waitForEvent('download'),
    button.click(),
  ]);
  const path = await download.path();
  const bytes = readFileSync(path);
  const records: string[][] = parse(bytes, { bom: true, relax_column_count: false });
  return { name: download.suggestedFilename(), bytes, header: records[0] ?? [], rows: records.slice(1) };
}

/** The column headings as the reader sees them (the sort arrows and symbols are aria-hidden). */
function visibleHeaders(table: Locator) {
  return table.locator('thead th').evaluateAll((cells) =>
    cells.map((cell) => {
      const copy = cell.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return (copy.textContent ?? '').trim();
    }),
  );
}

/** Every body row's cells as the reader sees them. */
function visibleRows(table: Locator) {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) =>
      [...row.querySelectorAll('td, th')].map((cell) => {
        const copy = cell.cloneNode(true) as HTMLElement;
        for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
        return (copy.textContent ?? '').trim();
      }),
    ),
  );
}

const percentShown = (text: string) => (text === '–' ? '' : String(Number(text.replace(/[%,]/g, ''))));
const BOM = [0xef, 0xbb, 0xbf];

async function sortBy(table: Locator, name: string) {
  await table.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await expect
    .poll(() => table.locator('thead th[aria-sort]').count(), { message: `sorted by ${name}` })
    .toBe(1);
  // The server sorts: the rows in the new order have arrived when the table is no longer busy.
  await expect
    .poll(() => table.getAttribute('aria-busy'), { message: `rows sorted by ${name}` })
    .toBe('false');
  return table.locator('thead th[aria-sort]').getAttribute('aria-sort');
}

/** Whether numbers are in the order the table says it sorted them. */
function inOrder(values: number[], direction: string | null) {
  const sorted = [...values].sort((a, b) => a - b);
  return direction === 'descending' ? sorted.reverse() : sorted;
}

describe('Export CSV in Chromium', () => {
  it('a sector page’s indicator table exports the rows shown, in the order shown, raw, Korean intact', async () => {
    const t = tIn('ko');
    const detail = await call<Sector>('sectors.detail', { year: 2024, asOf: '2024-06', sector: 'ECO' });
    const { page, problems, close } = await openPage(harness, '/sectors/ECO?year=2024&asOf=2024-06');
    const section = page.locator('.sector-strategies');
    const table = section.locator('table.indicator-table');
    await table.waitFor();
    const direction = await sortBy(table, '달성률');
    const sorted = await call<SectorIndicators>('sectors.indicators', {
      year: 2024,
      asOf: '2024-06',
      sector: 'ECO',
      sort: 'attainment',
      order: direction === 'descending' ? 'desc' : 'asc',
    });
    await expect
      .poll(() =>
        table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code'))),
      )
      .toEqual(sorted.items.map((i) => i.code));
    const shownHeaders = await visibleHeaders(table);
    expect(shownHeaders).toEqual([
      '지표',
      '상태',
      '달성률',
      '실적 / 목표(누계)',
      '연말 전망',
      '담당 부서',
      '최근 보고',
      '추이',
    ]);
    const shown = await visibleRows(table);
    const codes = sorted.items.map((i) => i.code);

    const button = section.getByRole('button', { name: /^CSV로 내려받기/ });
    expect(await button.getAttribute('aria-label')).toContain(detail.sector.name.ko);
    const file = await exported(button);
    expect(file.name).toBe('tangible-indicators-ECO-2024-as-of-2024-06-ko.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual(BOM);
    // The table's headings in order, the composite "actual / target" in two columns, the code and unit
    // added, the sparkline left out.
    expect(file.header).toEqual([
      '코드',
      '지표',
      '상태',
      '달성률',
      '실적(누계)',
      '목표(누계)',
      '연말 전망',
      '연간 목표',
      '단위',
      '담당 부서',
      '최근 보고',
    ]);
    const shownInCsv = shownHeaders.filter((h) => h !== '실적 / 목표(누계)' && h !== '추이');
    expect(shownInCsv.every((h) => file.header.includes(h))).toBe(true);
    expect(file.rows.map((row) => row[0])).toEqual(codes);
    expect(file.rows).toHaveLength(detail.indicatorCount);
    const byCode = new Map(sorted.items.map((i) => [i.code, i]));
    file.rows.forEach((row, index) => {
      const visible = shown[index] ?? [];
      const indicator = byCode.get(row[0] ?? '');
      expect(indicator, row[0]).toBeDefined();
      if (!indicator) return;
      expect(visible[0]).toBe(`${row[0]} ${row[1]}`);
      expect(row[1]).toBe(indicator.name.ko);
      expect(row[2]).toBe(visible[1]);
      expect(row[2]).toBe(t(`status.${indicator.figures.status}`));
      expect(row[3]).toBe(percentShown(visible[2] ?? ''));
      expect(row[4]).toBe(
        indicator.figures.actualToDate === null ? '' : String(indicator.figures.actualToDate),
      );
      expect(row[5]).toBe(
        indicator.figures.targetToDate === null ? '' : String(indicator.figures.targetToDate),
      );
      expect(row[7]).toBe(String(indicator.annualTarget));
      expect(row[9]).toBe(visible[5]);
      expect(formatPeriod(row[10] || null, t)).toBe(visible[6]);
    });
    // In attainment order, as shown.
    expect(direction).toBe('ascending');
    const attainments = file.rows.filter((row) => row[3] !== '').map((row) => Number(row[3]));
    expect(attainments).toEqual(inOrder(attainments, direction));
    expect(problems).toEqual([]);
    await close();
  });

  it('a list on several pages exports all of it from the server, not the page shown', async () => {
    const all = await call<IndicatorList>('indicators.list', { year: 2024, asOf: '2024-06', limit: 100 });
    expect(all.total).toBeGreaterThan(25);
    const { page, problems, close } = await openPage(harness, '/indicators?year=2024&asOf=2024-06');
    const table = page.locator('table.indicator-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(25);
    const link = page.getByRole('link', { name: new RegExp(`^전체 ${all.total}건 CSV로 내려받기`) });
    const file = await exported(link);
    expect([...file.bytes.subarray(0, 3)]).toEqual(BOM);
    expect(file.rows.map((row) => row[file.header.indexOf('지표 코드')])).toEqual(
      all.indicators.map((i) => i.code),
    );
    expect(file.bytes.toString('utf8')).toContain('외국인 관광객 수');
    expect(problems).toEqual([]);
    await close();
  });

  it('the department comparison exports exactly its visible headings and rows, after sorting, in English too', async () => {
    const data = await call<Comparison>('departments.comparison', { year: 2024, asOf: '2024-06' });
    for (const language of ['ko', 'en'] as const) {
      const t = tIn(language);
      const { page, problems, close } = await openPage(harness, '/departments?year=2024&asOf=2024-06', {
        language,
      });
      const table = page.locator('table.departments-table');
      await table.waitFor();
      const direction = await sortBy(table, language === 'ko' ? '미보고' : 'Unreported');
      const headers = await visibleHeaders(table);
      const shown = await visibleRows(table);
      const button = page.getByRole('button', {
        name: language === 'ko' ? /^CSV로 내려받기/ : /^Export CSV/,
      });
      const file = await exported(button);
      expect(file.name).toBe(`tangible-departments-2024-as-of-2024-06-${language}.csv`);
      expect([...file.bytes.subarray(0, 3)]).toEqual(BOM);
      expect(file.header).toEqual(headers);
      expect(file.rows.length).toBe(data.departments.length);
      expect(file.rows.length).toBe(shown.length);
      file.rows.forEach((row, index) => {
        const visible = shown[index] ?? [];
        const department = data.departments.find((d) => d.name[language] === row[0]);
        expect(department, row[0]).toBeDefined();
        expect(row[0]).toBe(visible[0]);
        // The score as the number shown; "no score" as an empty cell.
        expect(row[1]).toBe(department?.score === null ? '' : percentShown(visible[1] ?? ''));
        expect(row.slice(2, 8)).toEqual(visible.slice(2, 8));
        expect(formatPeriod(row[8] || null, t)).toBe(visible[8]);
      });
      const unreported = file.rows.map((row) => Number(row[7]));
      expect(unreported).toEqual(inOrder(unreported, direction));
      expect(new Set(unreported).size).toBeGreaterThan(1);
      if (language === 'ko') {
        expect(file.bytes.toString('utf8')).toContain('관광마이스국');
        expect(file.header).toContain('정상 추진');
      } else {
        expect(file.header).toContain('On track');
      }
      expect(problems).toEqual([]);
      await close();
    }
  });

  it('the button tells the reader when the server refuses the export', async () => {
    const { page, problems, close } = await openPage(harness, '/departments?year=2024&asOf=2024-06');
    const button = page.getByRole('button', { name: /^CSV로 내려받기/ });
    await button.waitFor();
    expect(await button.isEnabled()).toBe(true);
    // The session ends in another tab: the export is refused and the reader is told why.
    await page.context().clearCookies();
    await button.click();
    const alert = page.locator('.export-csv-error');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^CSV 파일을 만들지 못했습니다: /);
    expect(problems.filter((line) => !/status of 40[13]/.test(line))).toEqual([]);
    await close();
  });
});
