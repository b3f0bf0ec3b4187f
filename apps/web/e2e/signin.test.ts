/** The sign-in form says why it refused: a wrong password, or how long to wait after many. */

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

/** Chromium logs every refused request; the test asserts the refusals themselves. */
const unexpected = (problems: string[]) =>
  problems.filter((p) => !/Failed to load resource: the server responded with a status of (401|429)/.test(p));

describe('the sign-in form in Chromium', () => {
  it('says the password is wrong, then how many seconds to wait, in Korean and in English', async () => {
    const { page, problems, close } = await openPage(harness, '/signin', { user: null });
    const alert = page.getByRole('alert');
    const submit = async () => {
      await page.getByLabel('비밀번호').fill('not-the-password');
      await page.getByRole('button', { name: '로그인', exact: true }).click();
    };
    await page.getByLabel('아이디').fill('analyst');
    for (let i = 0; i < 5; i++) {
      await submit();
      await expect.poll(() => alert.textContent()).toBe('아이디 또는 비밀번호가 올바르지 않습니다.');
    }
    await submit();
    await expect
      .poll(() => alert.textContent())
      .toMatch(/^로그인에 여러 번 실패했습니다. (30|29)초 뒤에 다시 시도하세요.$/);
    await page.screenshot({ path: join(ARTEFACTS, 'signin-throttled-ko.png') });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect
      .poll(() => alert.textContent())
      .toMatch(/^Too many failed sign-ins from here\. Wait \d+ seconds and try again\.$/);
    expect(unexpected(problems)).toEqual([]);
    await close();
  });

  it('opens in English for an English browser, and in Korean once the reader chooses it', async () => {
    const { page, problems, close } = await openPage(harness, '/signin', { user: null, locale: 'en-US' });
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: '한국어' }).click();
    await page.getByRole('button', { name: '로그인', exact: true }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: '로그인', exact: true }).waitFor();
    expect(unexpected(problems)).toEqual([]);
    await close();
  });
});
