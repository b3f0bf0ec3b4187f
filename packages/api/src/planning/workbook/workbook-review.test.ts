/**
 * Review of the plan workbook (issue 12.6): each test is a defect found in review and fails until it
 * is fixed. A fresh seeded database per test: several of them apply.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/policy.js';
import { csvText } from '../../export/table.js';
import { excel } from '../../imports/excel.js';
import { principalFor, signIn } from '../../testing.js';
import { type PlanWorkbook, planWorkbook, workbookTable, workbookXlsx } from './export.js';
import { applyWorkbook, dryRunWorkbook } from './import.js';
import type { SheetKind } from './sheets.js';

let db: Db;
let planner: Principal & { kind: 'user' };
const now = new Date('2024-07-10T09:00:00Z');
beforeEach(async () => {
  ({ db } = await seededTestDatabase());
  planner = (await principalFor(db, (await signIn(db, 'planner')).token)) as Principal & { kind: 'user' };
});
afterEach(async () => {
  await db.destroy();
});

/** The plan's CSV files of some kinds, as `pnpm cli plan import a.csv b.csv …` reads them. */
const csvFiles = (book: PlanWorkbook, kinds: SheetKind[]) =>
  kinds.map((kind) => {
    const t = workbookTable(book, kind, 'en');
    const text = csvText(t.rows as never, t.header.length, t.header);
    return { bytes: new Uint8Array(Buffer.from(text)), filename: `${kind}.csv` };
  });
const problemsOf = (run: { problems: { file: string; position: string; column: string; code: string }[] }) =>
  run.problems.map((p) => `${p.file} ${p.position} [${p.column}] ${p.code}`);

/** The ADM sector's strategies and projects in the exported rows. */
function admOf(book: PlanWorkbook) {
  const strategies = book.rows.strategies.filter((r) => r[0] === 'ADM').map((r) => r[1]);
  const projects = book.rows.projects.filter((r) => strategies.includes(r[0])).map((r) => r[1]);
  return { strategies, projects };
}

describe('leaving, when the workbook holds no strategies sheet (CSV files of some kinds, or the sheet deleted)', () => {
  it('a sector left out with its projects: what the dry-run passes, apply carries out', async () => {
    const book = await planWorkbook(db, planner.user, 2024, 'en');
    const { projects } = admOf(book);
    book.rows.sectors = book.rows.sectors.filter((r) => r[0] !== 'ADM');
    book.rows.projects = book.rows.projects.filter((r) => !projects.includes(r[1]));
    book.rows.indicators = book.rows.indicators.filter((r) => !projects.includes(r[0]));
    book.rows.milestones = book.rows.milestones.filter((r) => !projects.includes(r[0]));
    const files = csvFiles(book, ['sectors', 'projects', 'indicators', 'milestones']);
    const run = await dryRunWorkbook(db, planner, 2024, files);
    expect(problemsOf(run)).toEqual([]);
    // Today: leaving lists ADM and each of its projects; retiring ADM retires them, and retiring
    // them again throws PlanValidationError (plan_thing_retired) out of apply: a 500 over HTTP.
    await expect(applyWorkbook(db, planner, 2024, files, now)).resolves.toMatchObject({
      leaving: [{ level: 'sector', code: 'ADM', how: 'retire' }],
    });
  });

  it('a project kept on its sheet under a sector left out is refused at its row, not retired unseen', async () => {
    const book = await planWorkbook(db, planner.user, 2024, 'en');
    book.rows.sectors = book.rows.sectors.filter((r) => r[0] !== 'ADM');
    const files = csvFiles(book, ['sectors', 'projects', 'indicators', 'milestones']);
    const run = await dryRunWorkbook(db, planner, 2024, files);
    // Today: no problem, leaving = [sector ADM]; apply then retires ADM-1-1 … although projects.csv lists them.
    expect(run.problems.some((p) => p.file === 'projects.csv')).toBe(true);
  });
});

describe('a problem names its own column', () => {
  it('an at-risk threshold of 0 is refused at the at-risk column, in words of the column', async () => {
    const book = await planWorkbook(db, planner.user, 2024, 'ko');
    const row = book.rows.indicators.findIndex((r) => r[1] === 'SAF-05');
    (book.rows.indicators[row] as unknown[])[12] = 0;
    const run = await dryRunWorkbook(db, planner, 2024, csvFiles(book, ['indicators']));
    // Today: `L… [on_track_threshold] workbook_bad_value`, saying "thresholds.atRisk" in either language.
    expect(problemsOf(run)).toEqual([`indicators.csv M${row + 2} [at_risk_threshold] workbook_bad_value`]);
    expect(run.problems[0]?.params.field).not.toMatch(/thresholds|atRisk/);
  });
});

describe('round trip', () => {
  it('a stored value with 17 significant digits (an average, 37/3) goes out as CSV and reads back unchanged', async () => {
    await db
      .updateTable('indicators')
      .set({ baseline_value: 37 / 3 })
      .where('code', '=', 'ECO-14')
      .execute();
    const book = await planWorkbook(db, planner.user, 2024, 'en');
    const run = await dryRunWorkbook(db, planner, 2024, csvFiles(book, ['indicators']));
    // Today: `J8 too_many_digits` and, on the same cell, `workbook_cell_required`.
    expect(problemsOf(run)).toEqual([]);
  });
});

describe('a sheet hidden in Excel', () => {
  it('is read, or refused at its name: never ignored as if it were not there', async () => {
    const book = await planWorkbook(db, planner.user, 2024, 'en');
    const row = book.rows.targets.findIndex((r) => r[0] === 'ECO-01' && r[1] === '2024') + 2;
    const workbook = new (await excel()).Workbook();
    await workbook.xlsx.load(Buffer.from(await workbookXlsx(book, 'en')) as never);
    const sheet = workbook.getWorksheet('targets');
    if (!sheet) throw new Error('no targets sheet');
    sheet.getCell(`D${row}`).value = 12;
    sheet.getCell(`E${row}`).value = '유치 협약 확대';
    sheet.state = 'hidden';
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const run = await dryRunWorkbook(db, planner, 2024, [{ bytes, filename: 'plan.xlsx' }]);
    // Today: "nothing to change": the revision on the hidden sheet is dropped without a word.
    expect(run.revisions.length + run.problems.length).toBeGreaterThan(0);
  });
});

describe("a confirmed plan's roadmap", () => {
  it("a milestone's planned date is not overwritten in place (its slippage would vanish)", async () => {
    const book = await planWorkbook(db, planner.user, 2024, 'en');
    const row = book.rows.milestones.find((r) => r[1] === 'BAL-M01');
    if (!row) throw new Error('no BAL-M01');
    const planned = row[5];
    row[5] = '2024-12-31';
    await applyWorkbook(db, planner, 2024, csvFiles(book, ['milestones']), now).catch(() => null);
    const stored = await db
      .selectFrom('milestones')
      .select('planned_date')
      .where('code', '=', 'BAL-M01')
      .executeTakeFirstOrThrow();
    // Today: planned_date becomes 2024-12-31, with no reason, approval or original kept.
    expect(stored.planned_date).toBe(planned);
  });
});

describe("a confirmed plan's revised target", () => {
  it("fits the indicator's unit as a planned target must (12.5 institutions refused at its cell)", async () => {
    const book = await planWorkbook(db, planner.user, 2024, 'en');
    const row = book.rows.targets.findIndex((r) => r[0] === 'ECO-01' && r[1] === '2024');
    const target = book.rows.targets[row] as unknown[];
    target[3] = 12.5;
    target[4] = '유치 협약 확대';
    const run = await dryRunWorkbook(db, planner, 2024, csvFiles(book, ['targets']));
    // Today: no problem, and apply proposes a revision to 12.5 institutions.
    expect(problemsOf(run)).toEqual([`targets.csv D${row + 2} [revised_target] not_whole`]);
  });
});

describe('the audit log', () => {
  it("names the workbook's files in the import's entry, as a value import names its file", async () => {
    const book = await planWorkbook(db, planner.user, 2024, 'en');
    const row = book.rows.indicators.find((r) => r[1] === 'ECO-01') as unknown[];
    row[13] = 4;
    await applyWorkbook(db, planner, 2024, csvFiles(book, ['indicators']), now);
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'plan.workbook.import')
      .executeTakeFirstOrThrow();
    // Today: counts only; which file changed the plan is nowhere in the log.
    expect(JSON.stringify(entry)).toContain('indicators.csv');
  });
});
