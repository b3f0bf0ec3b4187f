/**
 * Every screen's API answers at the national scale (seed/scaled.ts: 23,997 indicators, 12,209
 * milestones, 460 departments, 2,000 values waiting for approval): bytes of JSON and time per
 * procedure, with the inputs each screen sends and with each paged procedure's largest page; and
 * each screen's total. Figures, not assertions (lists/screen-sizes.test.ts asserts the bound).
 *
 *   npx tsx --conditions=source scripts/answer-sizes.ts [DATABASE]   (kept when named; built if missing)
 */

import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { answerBytes, callerAs, screenCalls } from '@tangible/api';
import { NATIONAL_SCALE, openDatabase, scaledTestDatabase } from '@tangible/db';
import { addPendingValues } from './pending-values.js';

const file = process.argv[2];
let db = file && existsSync(file) ? openDatabase(file) : null;
if (!db) {
  const built = await scaledTestDatabase(NATIONAL_SCALE);
  await addPendingValues(built.db, 2_000);
  db = built.db;
  if (file) {
    await db.destroy();
    await copyFile(built.path, file);
    db = openDatabase(file);
  }
}
const callers = {
  mayor: await callerAs(db, 'mayor'),
  admin: await callerAs(db, 'admin'),
  head: await callerAs(db, 'fin.head'),
};
const at = { year: 2024, sector: 'ECO', department: 'FIN', indicator: 'ECO-04', trackIndicator: 'BAL-01' };
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
for (const largest of [false, true]) {
  console.log(largest ? '\nEach paged procedure at its largest page:' : 'As each screen asks:');
  const screens = new Map<string, number>();
  for (const { screen, procedure, call } of screenCalls(callers, at, { largest })) {
    const started = performance.now();
    const bytes = answerBytes(await call());
    const took = performance.now() - started;
    screens.set(screen, (screens.get(screen) ?? 0) + bytes);
    console.log(
      `  ${`${screen} · ${procedure}`.padEnd(48)} ${kb(bytes).padStart(10)} ${took.toFixed(0).padStart(6)} ms`,
    );
  }
  console.log('  Screens:', [...screens].map(([screen, bytes]) => `${screen} ${kb(bytes)}`).join(', '));
}
await db.destroy();
