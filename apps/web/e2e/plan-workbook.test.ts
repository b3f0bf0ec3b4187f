/**
 * The plan workbook in the plan editor, in Chromium: the planning office downloads one kind as CSV,
 * renames a strategy in it, uploads it, reads the dry-run's change (field: old → new) and applies
 * it; a bad cell is listed at its cell in the reader's language, with nothing to apply.
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openPage, seriousViolations, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** A refused upload answers 422, which Chromium logs; every other console line is a problem. */
const unexpected = (problems: string[]) =>
  problems.filter((p) => !/Failed to load resource: the server responded with a status of 422/.test(p));

/** The CSV the page's own link downloads, fetched with the page's session. */
async function downloaded(page: Page, kind: string, lang: string): Promise<string> {
  return page.evaluate(
    async ([k, l]) => (await fetch(`/api/plan/workbook.csv?year=2024&kind=${k}&lang=${l}`)).text(),
    [kind, lang],
  );
}

async function upload(page: Page, name: string, text: string) {
  await page
    .locator('.plan-workbook input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

describe('the plan workbook in Chromium', () => {
  it('a renamed strategy is shown as its change and applied', async () => {
    const { page, problems, close } = await openPage(harness, '/plan?plan=2024', {
      user: 'planner',
      language: 'en',
      // Only to inject axe-core for the accessibility scan.
      bypassCSP: true,
    });
    await page.getByRole('heading', { name: 'Plan workbook' }).waitFor();
    const text = (await downloaded(page, 'strategies', 'en')).replace(/^\ufeff/, '');
    const edited = text.replace(/^(ECO,ECO-4,[^,]*),[^\r\n]*/m, '$1,Finance hub');
    await upload(page, 'strategies.csv', edited);
    const row = page.locator('.plan-workbook-changes tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect((await row.first().locator('td').allTextContents()).slice(0, 2)).toEqual([
      'Strategy ECO-4',
      'name_en',
    ]);
    expect(await row.first().locator('td').nth(3).textContent()).toBe('Finance hub');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => page.locator('.plan-workbook-message').textContent())
      .toBe('The workbook was applied.');
    const now = await harness.db
      .selectFrom('strategies')
      .select('name_en')
      .where('code', '=', 'ECO-4')
      .execute();
    expect(now.map((s) => s.name_en)).toContain('Finance hub');
    expect(unexpected(problems)).toEqual([]);
    await close();
  });

  it('a bad cell is listed at its cell in Korean, with nothing to apply', async () => {
    const { page, problems, close } = await openPage(harness, '/plan?plan=2024', {
      user: 'planner',
      language: 'ko',
    });
    await page.getByRole('heading', { name: '계획 통합문서' }).waitFor();
    const lines = (await downloaded(page, 'milestones', 'ko')).replace(/^\ufeff/, '').split('\r\n');
    lines[1] = (lines[1] ?? '').replace(/,\d{4}-\d{2}-\d{2},/, ',3/5/25,');
    await upload(page, '마일스톤.csv', lines.join('\r\n'));
    const problem = page.locator('.plan-workbook-problems tbody tr');
    await problem.first().waitFor();
    expect(await problem.first().locator('td').allTextContents()).toEqual([
      'F2',
      '계획일',
      '"3/5/25"은(는) YYYY-MM-DD 형식의 날짜가 아닙니다',
    ]);
    expect(await page.getByRole('button', { name: '반영' }).count()).toBe(0);
    expect(unexpected(problems)).toEqual([]);
    await close();
  });
});
