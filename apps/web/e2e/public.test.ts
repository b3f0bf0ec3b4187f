/** The public view (PUBLIC_DASHBOARD=1): citizens read results without signing in; nothing internal shows. */

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, type Harness, openPage, startHarness } from './harness';

let closed: Harness;
let open: Harness;
beforeAll(async () => {
  closed = await startHarness();
  open = await startHarness({ publicDashboard: true });
});
afterAll(async () => {
  await closed?.close();
  await open?.close();
});

describe('without signing in', () => {
  it('sends readers to the sign-in screen when the public view is off', async () => {
    const { page, close } = await openPage(closed, '/?year=2024&asOf=2024-06', { user: null });
    await page.locator('form.signin-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/?year=2024&asOf=2024-06');
    await close();
  });

  it('shows the overview, sectors and milestones on the public view, without staff-only parts', async () => {
    const { page, problems, close } = await openPage(open, '/?year=2024&asOf=2024-06', { user: null });
    await page.locator('.sector-card').first().waitFor();
    expect(await page.locator('.sector-card').count()).toBe(5);
    expect(await page.locator('.user-menu').textContent()).toBe('시민 공개 화면');
    // No reporting status, no department comparison, no sign-out.
    expect(await page.locator('#reporting-title').count()).toBe(0);
    expect(await page.locator('.app-nav a[href^="/departments"]').count()).toBe(0);
    await page.screenshot({ path: join(ARTEFACTS, 'public-overview-ko.png'), fullPage: true });
    await page.locator('.sector-nav a').first().click();
    await page.locator('.app-main h1').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/sectors/ECO');
    await page.waitForLoadState('networkidle');
    await page.goto(`${open.base}/milestones?year=2024&asOf=2024-06`);
    await page.locator('.app-main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('body').textContent()).not.toContain('planned 일자는 예시');
    expect(problems).toEqual([]);
    await close();
  });
});
