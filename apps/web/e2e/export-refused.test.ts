import { get, type IncomingMessage } from 'node:http';
import { createApiToken } from '@tangible/api';
import { findUserByUsername } from '@tangible/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openPage, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ exportLimits: { maxConcurrent: 1 } });
});
afterAll(async () => {
  await harness?.close();
});

/** Holds the one export slot: a large download that nobody reads. */
async function holdTheSlot(): Promise<IncomingMessage> {
  await sql`
    insert into measurements (indicator_id, period, value, note, source, status, entered_by, entered_at)
    with recursive n(i) as (select 1 union all select i + 1 from n where i < 150000)
    select (select min(id) from indicators), '2024-01', n.i, 'held', 'test', 'superseded', 'test', '2025-01-01'
    from n`.execute(harness.db);
  const analyst = await findUserByUsername(harness.db, 'analyst');
  const { token } = await createApiToken(harness.db, analyst?.id ?? 0, 'slot holder', new Date());
  return new Promise((resolve, reject) => {
    get(
      `${harness.base}/api/export/measurements.csv?year=2024`,
      { headers: { authorization: `Bearer ${token}` } },
      resolve,
    ).on('error', reject);
  });
}

describe('Export CSV when too many exports are running', () => {
  it('says so in Korean, with when to try again', async () => {
    const held = await holdTheSlot();
    const { page, close } = await openPage(harness, '/sectors/ECO?year=2024&asOf=2024-06');
    await page
      .getByRole('button', { name: /^CSV로 내려받기/ })
      .first()
      .click();
    const alert = page.locator('.export-csv-error').first();
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'CSV 파일을 만들지 못했습니다: 지금 내려받기가 1건 진행 중이라 더 받을 수 없습니다. 10초 뒤에 다시 시도하세요.',
    );
    await close();
    held.destroy();
  }, 60_000);
});
