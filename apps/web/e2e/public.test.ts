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

/** Links into screens the public view does not open (indicators, departments, reporting). */
const closedLinks = [
  '.app-main a[href^="/indicators"]',
  '.app-main a[href^="/departments"]',
  '.app-main a[href^="/report"]',
  '.app-main a[href^="/approvals"]',
].join(', ');

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
    // Headline results are named, but not as links into screens closed to citizens.
    expect(await page.locator('.headline-name').count()).toBeGreaterThan(0);
    expect(await page.locator(closedLinks).count()).toBe(0);
    await page.screenshot({ path: join(ARTEFACTS, 'public-overview-ko.png'), fullPage: true });
    await page.locator('.sector-nav a').first().click();
    await page.locator('.app-main h1').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/sectors/ECO');
    // The sector's own figures, not the overview's heading still on screen: a move within the app is
    // no new document, so waiting for the network to go idle would return at once.
    await page.locator('.sector-page[data-sector="ECO"] .sector-score-value').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator(closedLinks).count()).toBe(0);
    await page.goto(`${open.base}/milestones?year=2024&asOf=2024-06`);
    await page.locator('.app-main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator(closedLinks).count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('planned 일자는 예시');
    expect(problems).toEqual([]);
    await close();
  });

  it('names its organisation in the address: Busan by default, a district when asked', async () => {
    const { page, problems, close } = await openPage(open, '/?year=2024&org=haeundae', { user: null });
    await page.locator('.sector-card').first().waitFor();
    expect(await page.locator('.sector-card').count()).toBe(3);
    await expect.poll(() => page.locator('.app-main h1').first().textContent()).toContain('해운대구');
    // Its links keep to the district.
    await page.locator('.sector-nav a').first().click();
    await page.locator('.sector-page .sector-score-value').waitFor();
    expect(new URL(page.url()).searchParams.get('org')).toBe('haeundae');
    await page.waitForLoadState('networkidle');
    // And so do the links inside the screens (ViewLink): Haeundae's ECO sector card leads to
    // Haeundae's ECO, not to Busan's sector of the same code.
    await page.goto(`${open.base}/?year=2024&org=haeundae`);
    await page.locator('.sector-card[data-sector="ECO"] h3 a').click();
    await page.locator('.sector-page[data-sector="ECO"] .sector-score-value').waitFor();
    expect(new URL(page.url()).searchParams.get('org')).toBe('haeundae');
    await page.waitForLoadState('networkidle');
    // The milestones screen's sector filter offers the district's sectors, not Busan's.
    await page.goto(`${open.base}/milestones?year=2024&org=haeundae`);
    await expect
      .poll(() =>
        page
          .locator('.milestones-field select option')
          .evaluateAll((os) => os.map((o) => o.getAttribute('value'))),
      )
      .toEqual(['', 'ECO', 'LIFE', 'CARE']);
    await page.waitForLoadState('networkidle');
    await page.goto(`${open.base}/?year=2024`);
    await expect.poll(() => page.locator('.sector-card').count()).toBe(5);
    expect(await page.locator('.app-main h1').first().textContent()).not.toContain('해운대구');
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await close();
  });

  it('offers a district’s own sectors for a sector code it does not have', async () => {
    // The server's 404 for the unknown code is expected here: no check of the console.
    const { page, close } = await openPage(open, '/sectors/NOPE?year=2024&org=haeundae', { user: null });
    await expect
      .poll(() =>
        page.locator('.sector-not-found li a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      )
      .toEqual([
        '/sectors/ECO?year=2024&org=haeundae',
        '/sectors/LIFE?year=2024&org=haeundae',
        '/sectors/CARE?year=2024&org=haeundae',
      ]);
    await close();
  });
});
