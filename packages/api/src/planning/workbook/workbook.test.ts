/**
 * The plan workbook end to end against the seeded database: Busan's confirmed 2024 plan exported and
 * read back changes nothing (xlsx and CSV); edits in the workbook show as exactly those changes; bad
 * cells are refused at their sheet, row and column; a confirmed plan's target change becomes a
 * pending revision; a draft is built from CP949 CSVs with Korean headers; bureau heads are refused.
 */

import { type Db, findPlan, seededTestDatabase } from '@tangible/db';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/policy.js';
import { csvText } from '../../export/table.js';
import { excel } from '../../imports/excel.js';
import { principalFor, signIn } from '../../testing.js';
import { planWorkbook, workbookTable, workbookXlsx } from './export.js';
import { applyWorkbook, dryRunWorkbook, type WorkbookDryRun, WorkbookRejected } from './import.js';
import { SHEET_KINDS } from './sheets.js';

let db: Db;
let planner: Principal & { kind: 'user' };
let head: Principal;
const now = new Date('2024-07-10T09:00:00Z');

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  planner = (await principalFor(db, (await signIn(db, 'planner')).token)) as Principal & { kind: 'user' };
  head = await principalFor(db, (await signIn(db, 'tourism.head')).token);
});
afterAll(async () => {
  await db.destroy();
});

const nothing = (run: WorkbookDryRun) => ({
  added: run.added,
  changed: run.changed,
  revisions: run.revisions,
  leaving: run.leaving,
  problems: run.problems.map((p) => `${p.position}: ${p.code}`),
});
const EMPTY = { added: [], changed: [], revisions: [], leaving: [], problems: [] };

async function xlsxOf(year: number, lang: 'ko' | 'en') {
  return workbookXlsx(await planWorkbook(db, planner.user, year, lang), lang);
}

/** The workbook with some cells changed: `sheet!A1` → value. */
async function edited(bytes: Uint8Array, edits: Record<string, string | number | null>, drop: string[] = []) {
  const workbook = new (await excel()).Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  for (const [at, value] of Object.entries(edits)) {
    const [sheet, cell] = at.split('!') as [string, string];
    const found = workbook.getWorksheet(sheet);
    if (!found) throw new Error(`no sheet ${sheet}`);
    found.getCell(cell).value = value;
  }
  for (const at of drop) {
    const [sheet, row] = at.split('!') as [string, string];
    workbook.getWorksheet(sheet)?.spliceRows(Number(row), 1);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The row number of a code on a sheet of the exported workbook (header is row 1). */
async function rowOf(year: number, kind: (typeof SHEET_KINDS)[number], code: string, period?: string) {
  const book = await planWorkbook(db, planner.user, year, 'en');
  const index = book.rows[kind].findIndex((r) =>
    kind === 'targets' ? r[0] === code && r[1] === period : r[1] === code || r[0] === code,
  );
  if (index < 0) throw new Error(`${code} not on ${kind}`);
  return index + 2;
}

describe('round trip', () => {
  it('the 2024 plan exported as xlsx, Korean headers, reads back as nothing to change', async () => {
    const run = await dryRunWorkbook(db, planner, 2024, [
      { bytes: await xlsxOf(2024, 'ko'), filename: 'plan.xlsx' },
    ]);
    expect(nothing(run)).toEqual(EMPTY);
    expect(run.status).toBe('confirmed');
  });

  it('the 2024 plan as one CSV per kind, English headers, reads back as nothing to change', async () => {
    const book = await planWorkbook(db, planner.user, 2024, 'en');
    const files = SHEET_KINDS.map((kind) => {
      const table = workbookTable(book, kind, 'en');
      return {
        bytes: new Uint8Array(Buffer.from(csvText(table.rows as never, table.header.length, table.header))),
        filename: `${kind}.csv`,
      };
    });
    expect(nothing(await dryRunWorkbook(db, planner, 2024, files))).toEqual(EMPTY);
    expect(book.rows.indicators.length).toBeGreaterThan(50);
  });
});

describe('round trip of what a spreadsheet must not run', () => {
  it('a formula (산식) written as `=…` goes out neutralised in CSV and reads back as itself', async () => {
    const eco01 = db.selectFrom('indicators').select('id').where('code', '=', 'ECO-01');
    await db
      .updateTable('indicators')
      .set({ formula_ko: '=유치 기관 수 합계' })
      .where('id', 'in', eco01)
      .execute();
    try {
      const book = await planWorkbook(db, planner.user, 2024, 'en');
      const table = workbookTable(book, 'indicators', 'en');
      const text = csvText(table.rows as never, table.header.length, table.header);
      expect(text).toContain("'=유치 기관 수 합계");
      const run = await dryRunWorkbook(db, planner, 2024, [
        { bytes: new Uint8Array(Buffer.from(text)), filename: 'indicators.csv' },
      ]);
      expect(nothing(run)).toEqual(EMPTY);
    } finally {
      await db.updateTable('indicators').set({ formula_ko: null }).where('id', 'in', eco01).execute();
    }
  });

  it('a row hidden in Excel is still in the plan, not retired', async () => {
    const workbook = new (await excel()).Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsxOf(2024, 'en')) as never);
    const sheet = workbook.getWorksheet('milestones');
    if (!sheet) throw new Error('no milestones sheet');
    sheet.getRow(2).hidden = true;
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(nothing(await dryRunWorkbook(db, planner, 2024, [{ bytes, filename: 'p.xlsx' }]))).toEqual(EMPTY);
  });
});

describe('edits', () => {
  it('show as exactly those changes, and a dropped milestone as retired (a confirmed plan)', async () => {
    const row = await rowOf(2024, 'indicators', 'ECO-01');
    const milestone = await rowOf(2024, 'milestones', 'BAL-M02');
    const bytes = await edited(
      await xlsxOf(2024, 'en'),
      { [`indicators!D${row}`]: 'Financial institutions attracted', [`indicators!N${row}`]: 4 },
      [`milestones!${milestone}`],
    );
    const run = await dryRunWorkbook(db, planner, 2024, [{ bytes, filename: 'plan.xlsx' }]);
    expect(nothing(run)).toEqual({
      ...EMPTY,
      changed: [
        {
          level: 'indicator',
          code: 'ECO-01',
          field: 'name.en',
          old: 'Domestic and foreign financial institutions attracted',
          new: 'Financial institutions attracted',
        },
        { level: 'indicator', code: 'ECO-01', field: 'weight', old: '3', new: '4' },
      ],
      leaving: [{ level: 'milestone', code: 'BAL-M02', how: 'retire' }],
    });
  });

  it('bad cells are refused at their sheet, row and column, never guessed', async () => {
    const row = await rowOf(2024, 'indicators', 'ECO-02');
    const milestone = await rowOf(2024, 'milestones', 'BAL-M01');
    const bytes = await edited(await xlsxOf(2024, 'ko'), {
      [`지표!N${row}`]: '1,5',
      [`지표!G${row}`]: '오름',
      [`마일스톤!F${milestone}`]: '3/5/25',
    });
    const run = await dryRunWorkbook(db, planner, 2024, [{ bytes, filename: 'plan.xlsx' }]);
    expect(run.problems.map((p) => `${p.position} ${p.column}: ${p.code}`)).toEqual([
      `지표!G${row} 방향: workbook_bad_word`,
      `지표!N${row} 가중치: unclear_separator`,
      `마일스톤!F${milestone} 계획일: workbook_bad_date`,
    ]);
    await expect(applyWorkbook(db, planner, 2024, [{ bytes, filename: 'plan.xlsx' }], now)).rejects.toThrow(
      WorkbookRejected,
    );
  });
});

describe("the editor's rules", () => {
  it('hold for what changes, at its cell; a stored value the rules now refuse blocks nothing unchanged', async () => {
    // Generated plans (scripts/scale) hold such targets: 40.14 places. Left as they are, they change nothing.
    const eco02 = db.selectFrom('indicators').select('id').where('code', '=', 'ECO-02');
    await db
      .updateTable('targets')
      .set({ value: 30.5 })
      .where('indicator_id', 'in', eco02)
      .where('kind', '=', 'annual')
      .execute();
    try {
      const base = await xlsxOf(2024, 'en');
      expect(nothing(await dryRunWorkbook(db, planner, 2024, [{ bytes: base, filename: 'p.xlsx' }]))).toEqual(
        EMPTY,
      );
      const row = await rowOf(2024, 'indicators', 'ECO-02');
      const target = await rowOf(2024, 'targets', 'ECO-02', '2024');
      const renamed = await edited(base, { [`indicators!D${row}`]: 'Fintech companies attracted' });
      const run = await dryRunWorkbook(db, planner, 2024, [{ bytes: renamed, filename: 'p.xlsx' }]);
      expect(run.problems.map((p) => `${p.position}: ${p.code}`)).toEqual([`targets!C${target}: not_whole`]);
    } finally {
      await db
        .updateTable('targets')
        .set({ value: 30 })
        .where('indicator_id', 'in', eco02)
        .where('kind', '=', 'annual')
        .execute();
    }
  });
});

describe("a confirmed plan's targets", () => {
  it('change by a pending revision with its reason, never in place', async () => {
    const row = await rowOf(2024, 'targets', 'ECO-01', '2024');
    const base = await xlsxOf(2024, 'en');
    const noReason = await edited(base, { [`targets!D${row}`]: 12 });
    const refused = await dryRunWorkbook(db, planner, 2024, [{ bytes: noReason, filename: 'p.xlsx' }]);
    expect(refused.problems.map((p) => `${p.position}: ${p.code}`)).toEqual([
      `targets!E${row}: workbook_reason_needed`,
    ]);
    const overwritten = await edited(base, { [`targets!C${row}`]: 12 });
    const fixed = await dryRunWorkbook(db, planner, 2024, [{ bytes: overwritten, filename: 'p.xlsx' }]);
    expect(fixed.problems.map((p) => `${p.position}: ${p.code}`)).toEqual([
      `targets!C${row}: workbook_original_fixed`,
    ]);

    const revised = await edited(base, { [`targets!D${row}`]: 12, [`targets!E${row}`]: '유치 협약 확대' });
    const applied = await applyWorkbook(db, planner, 2024, [{ bytes: revised, filename: 'p.xlsx' }], now);
    expect(applied.revisions).toEqual([
      { code: 'ECO-01', period: '2024', old: 10, new: 12, reason: '유치 협약 확대' },
    ]);
    expect(applied.changed).toEqual([]);
    const pending = await db
      .selectFrom('target_revisions')
      .innerJoin('indicators', 'indicators.id', 'target_revisions.indicator_id')
      .select(['target_revisions.state', 'target_revisions.original_value', 'target_revisions.revised_value'])
      .where('indicators.code', '=', 'ECO-01')
      .execute();
    expect(pending).toEqual([{ state: 'pending', original_value: 10, revised_value: 12 }]);
    const target = await db
      .selectFrom('targets')
      .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
      .select('targets.value')
      .where('indicators.code', '=', 'ECO-01')
      .where('targets.kind', '=', 'annual')
      .executeTakeFirstOrThrow();
    expect(target.value).toBe(10);
  });
});

const cp949 = (lines: string[]) => new Uint8Array(iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp949'));

describe('a draft built from CP949 CSVs with Korean headers', () => {
  const files = (targetsExtra: string[] = []) => [
    {
      filename: '분야.csv',
      bytes: cp949([
        '분야 코드,분야명(국문),분야명(영문),목표(국문),목표(영문)',
        'NEW,새 분야,New sector,목표,Goal',
      ]),
    },
    {
      filename: '전략.csv',
      bytes: cp949(['분야 코드,전략 코드,전략명(국문),전략명(영문)', 'NEW,NEW-1,전략,Strategy']),
    },
    {
      filename: '사업.csv',
      bytes: cp949([
        '전략 코드,사업 코드,사업명(국문),사업명(영문),부서 코드',
        'NEW-1,NEW-1-1,사업,Project,FIN',
      ]),
    },
    {
      filename: '지표.csv',
      bytes: cp949([
        '사업 코드,지표 코드,지표명(국문),지표명(영문),부서 코드,단위,방향,집계 방식,보고 주기,기준값,기준 연도,정상 기준,주의 기준,가중치,핵심 지표,출처,지표 정의(국문),지표 정의(영문),산식(국문),산식(영문),자료 출처(국문),자료 출처(영문)',
        'NEW-1-1,NEW-01,청년 창업 기업 수,Youth startups,FIN,companies,증가,합계,분기,"1,200",2024,0.95,0.8,2,예,illustrative,정의,,산식,,,',
      ]),
    },
    {
      filename: '목표.csv',
      bytes: cp949([
        '지표 코드,기간,당초 목표,변경 목표,변경 사유',
        'NEW-01,2026,"1,600",,',
        'NEW-01,2분기,600,,',
        ...targetsExtra,
      ]),
    },
    {
      filename: '마일스톤.csv',
      bytes: cp949([
        '사업 코드,마일스톤 코드,마일스톤명(국문),마일스톤명(영문),부서 코드,계획일,가중치,출처',
        'NEW-1-1,NEW-M1,착공,Start,FIN,2026-06-30,1,illustrative',
      ]),
    },
  ];

  it('adds everything, then reads back unchanged; a deleted row is deleted (no history)', async () => {
    const { createPlan } = await import('../lifecycle.js');
    await createPlan(
      db,
      planner.user,
      { year: 2026, name: { ko: '2026', en: '2026' }, coreGoal: { ko: '목표', en: 'Goal' }, source: 'test' },
      now,
    );
    const run = await applyWorkbook(db, planner, 2026, files(), now);
    expect(run.added.map((a) => a.code)).toEqual(['NEW', 'NEW-1', 'NEW-1-1', 'NEW-01', 'NEW-M1']);
    const book = await planWorkbook(db, planner.user, 2026, 'en');
    expect(book.rows.targets).toEqual([
      ['NEW-01', '2026', 1600, null, null],
      ['NEW-01', '2026-Q2', 600, null, null],
    ]);
    expect(book.rows.indicators[0]?.slice(9, 15)).toEqual([1200, 2024, 0.95, 0.8, 2, 'yes']);
    expect(nothing(await dryRunWorkbook(db, planner, 2026, files()))).toEqual(EMPTY);
    const withoutMilestone = files().map((f) =>
      f.filename === '마일스톤.csv'
        ? {
            ...f,
            bytes: cp949([
              '사업 코드,마일스톤 코드,마일스톤명(국문),마일스톤명(영문),부서 코드,계획일,가중치,출처',
            ]),
          }
        : f,
    );
    const dropped = await dryRunWorkbook(db, planner, 2026, withoutMilestone);
    expect(dropped.leaving).toEqual([{ level: 'milestone', code: 'NEW-M1', how: 'delete' }]);
    const twice = await dryRunWorkbook(db, planner, 2026, files(['NEW-01,2026-Q2,700,,']));
    expect(twice.problems.map((p) => `${p.file} ${p.position}: ${p.code}`)).toEqual([
      '목표.csv B4: workbook_duplicate_target',
    ]);
    expect((await findPlan(db, planner.user.organisationId, 2026))?.status).toBe('draft');
  });
});

describe('authorisation', () => {
  it("a bureau head may neither dry-run nor apply (the planning office's)", async () => {
    const files = [{ bytes: await xlsxOf(2024, 'ko'), filename: 'plan.xlsx' }];
    await expect(dryRunWorkbook(db, head, 2024, files)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(applyWorkbook(db, head, 2024, files, now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
