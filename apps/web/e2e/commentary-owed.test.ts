/**
 * A slipping value imported without its commentary, in Korean, in Chromium: the preview lists it as
 * owing 원인 분석·향후 대책 (not as a problem) and the file imports; the planning office sees it on the
 * approvals screen as owing its commentary, with approve unavailable and the reason said; the bureau
 * head's inbox lists it.
 */

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

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();

describe('a value imported without its commentary in Chromium', () => {
  it('imports as owing its commentary, and the approvals screen says why it cannot be approved', async () => {
    const { page, close } = await openPage(harness, '/import?year=2024&asOf=2024-12', {
      user: 'tourism.head',
      bypassCSP: true,
    });
    await page.locator('input[type="file"]').waitFor();
    const file = ['kpi_code,kpi_name,period,value', 'CUL-03,크루즈 관광객,2024-Q1,32810', ''].join('\r\n');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: '크루즈.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
    const owed = page.locator('section.import-owed');
    await owed.waitFor();
    expect(await text(page, '#import-owed-title')).toBe('원인 분석·향후 대책이 필요한 값 1건');
    expect(await owed.locator('li[data-position="D2"]').textContent()).toContain('CUL-03');
    expect(await page.locator('.import-problems').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'import-commentary-owed-ko.png'), fullPage: true });
    await page.getByRole('button', { name: '가져오기', exact: true }).click();
    await expect.poll(() => text(page, '.import-done')).toContain('1건을 승인 대기로 등록했습니다');
    expect(await text(page, '.import-done-owed')).toContain('원인 분석·향후 대책이 없어 승인할 수 없습니다');

    await page.goto(`${harness.base}/inbox?year=2024&asOf=2024-12`);
    const section = page.locator('section[aria-labelledby="inbox-commentary_owed"]');
    await section.waitFor();
    expect(await section.textContent()).toContain('CUL-03');
    await close();

    const planner = await openPage(harness, '/approvals?year=2024&asOf=2024-12', {
      user: 'planner',
      bypassCSP: true,
    });
    const item = planner.page.locator('li.approvals-item[data-code="CUL-03"][data-period="2024-Q1"]');
    await item.waitFor();
    const note = item.locator('[data-fact="commentary-owed"]');
    expect(await note.textContent()).toContain('원인 분석·향후 대책 필요');
    expect(await note.textContent()).toContain('승인할 수 없습니다');
    const approve = item.getByRole('button', { name: /승인$/ });
    expect(await approve.isDisabled()).toBe(true);
    expect(await approve.getAttribute('aria-describedby')).toBe(await note.locator('dd').getAttribute('id'));
    expect(await seriousViolations(planner.page)).toEqual([]);
    await item.screenshot({ path: join(ARTEFACTS, 'approvals-commentary-owed-ko.png') });
    await planner.close();
  });
});
