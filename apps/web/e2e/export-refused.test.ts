import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { createApiToken } from '@tangible/api';
import { findUserByUsername } from '@tangible/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, type Harness, openPage, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ exportLimits: { maxConcurrent: 1 } });
});
afterAll(async () => {
  await harness?.close();
});

async function tokenFor(): Promise<string> {
  const analyst = await findUserByUsername(harness.db, 'analyst');
  return (await createApiToken(harness.db, analyst?.id ?? 0, 'export test', new Date())).token;
}

/** Holds the one export slot: a large download that nobody reads. */
async function holdTheSlot(): Promise<IncomingMessage> {
  await sql`
    insert into measurements (indicator_id, period, value, note, source, status, entered_by, entered_at)
    with recursive n(i) as (select 1 union all select i + 1 from n where i < 150000)
    select (select min(id) from indicators), '2024-01', n.i, 'held', 'test', 'superseded', 'test', '2025-01-01'
    from n`.execute(harness.db);
  const token = await tokenFor();
  return new Promise((resolve, reject) => {
    get(
      `${harness.base}/api/export/measurements.csv?year=2024`,
      { headers: { authorization: `Bearer ${token}` } },
      resolve,
    ).on('error', reject);
  });
}

describe('Export CSV beside long database exports', () => {
  it('works while a long export holds the only database slot, and says a refusal in Korean', async () => {
    const held = await holdTheSlot();
    const { page, close } = await openPage(harness, '/sectors/ECO?year=2024&asOf=2024-06');
    const button = page.getByRole('button', { name: /^CSV로 내려받기/ }).first();
    // A screen's table reads no database: the long export does not refuse it.
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(await page.locator('.export-csv-error').count()).toBe(0);

    // What the server answers when every slot is taken (asked for real, beside the held export),
    // replayed for the screen's export: the button says it in Korean, with when to try again.
    const refused = await fetch(`${harness.base}/api/export/indicators.csv?year=2024`, {
      headers: { authorization: `Bearer ${await tokenFor()}` },
    });
    expect(refused.status).toBe(503);
    const body = await refused.text();
    await page.route('**/api/export/table.csv', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body }),
    );
    await button.click();
    const alert = page.locator('.export-csv-error').first();
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'CSV 파일을 만들지 못했습니다: 지금 내려받기가 1건 진행 중이라 더 받을 수 없습니다. 10초 뒤에 다시 시도하세요.',
    );
    await alert.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTEFACTS, 'export-refused-ko.png') });
    await close();
    held.destroy();
  }, 60_000);
});
