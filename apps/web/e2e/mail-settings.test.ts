/**
 * The account screen's email settings, in Korean: a bureau head finds the demo address, is told in
 * Korean what is wrong with a broken one, saves a new address, English mail and no email, sees them
 * after a reload, and the change is in the audit trail (axe scans /account in account.test.ts).
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

/** Console problems other than Chromium's line for the request the server refused on purpose. */
const unexpected = (problems: string[]) =>
  problems.filter((p) => !/Failed to load resource: the server responded with a status of 400/.test(p));

describe('email settings in Chromium', () => {
  it('lets a bureau head set their own address, email language and whether they want email', async () => {
    const { page, problems, close } = await openPage(harness, '/account?year=2024', { user: 'tourism.head' });
    const address = page.getByLabel('메일 주소');
    await address.waitFor();
    expect(await address.inputValue()).toBe('tourism.head@busan.example');
    expect(await page.getByLabel('메일 언어').inputValue()).toBe('ko');
    const wanted = page.getByLabel('알림과 주간 요약을 메일로 받겠습니다');
    expect(await wanted.isChecked()).toBe(true);

    await address.fill('tourism.head@');
    await page.getByRole('button', { name: '메일 설정 저장' }).click();
    const alert = page.locator('.account-mail [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('"tourism.head@"은(는) 이메일 주소가 아닙니다');

    await address.fill('tourism@busan.example');
    await page.getByLabel('메일 언어').selectOption('en');
    await wanted.uncheck();
    await page.getByRole('button', { name: '메일 설정 저장' }).click();
    await page.locator('.account-mail [role="status"]').waitFor();
    expect(await page.locator('.account-mail [role="status"]').textContent()).toBe(
      '메일 설정을 저장했습니다.',
    );
    await page.screenshot({ path: join(ARTEFACTS, 'account-mail-ko.png'), fullPage: true });

    await page.reload();
    await address.waitFor();
    expect(await address.inputValue()).toBe('tourism@busan.example');
    expect(await page.getByLabel('메일 언어').inputValue()).toBe('en');
    expect(await wanted.isChecked()).toBe(false);

    // The change is in the audit trail (read with the harness's analyst token).
    const response = await fetch(
      `${harness.base}/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ year: 2024 }))}`,
    );
    const audit = ((await response.json()) as { result: { data: { action: string; actor: string }[] } })
      .result.data;
    expect(audit.filter((a) => a.action === 'user.mail').map((a) => a.actor)).toEqual(['tourism.head']);
    expect(unexpected(problems)).toEqual([]);
    await close();
  });
});
