import { type Db, readAll, refuseInserts, seededTestDatabase } from '@tangible/db';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePrincipal } from '../auth/sessions.js';
import { measurementExport } from '../export/measurements.js';
import { principalFor, signIn } from '../testing.js';
import { IMPORT_MAX_BYTES, ImportFileError, refuseTooLarge } from './decode.js';
import { decodeText } from './decode-text.js';
import { normalizeNumber, normalizePeriod } from './normalize.js';
import { commitImport, ImportRejected, previewImport } from './preview.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
const cp949 = (text: string) => new Uint8Array(iconv.encode(text, 'cp949'));

describe('normalizePeriod', () => {
  it.each([
    ['2024-03', '2024-03'],
    ['2024.03', '2024-03'],
    ['2024.3.', '2024-03'],
    ['202403', '2024-03'],
    ['2024년 3월', '2024-03'],
    ['2024년3월', '2024-03'],
    ['2024-Q1', '2024-Q1'],
    ['2024 q2', '2024-Q2'],
    ['Q3 2024', '2024-Q3'],
    ['2024년 4분기', '2024-Q4'],
    ['2024', '2024'],
    ['2024년', '2024'],
    ['2024-13', null],
    ['March 2024', null],
    ['', null],
  ])('%s → %s', (text, expected) => {
    expect(normalizePeriod(text)).toBe(expected);
  });
});

describe('normalizeNumber', () => {
  it.each([
    ['1234', 1234],
    ['1,234,567', 1_234_567],
    [' 12.5 ', 12.5],
    ['-3', -3],
    ['1,234.75', 1234.75],
    ['1,23', null],
    ['12%', null],
    ['abc', null],
    ['', null],
  ])('%s → %s', (text, expected) => {
    expect(normalizeNumber(text)).toBe(expected);
  });
});

/** What readSource does first with a text file's bytes: the size limit, then the decoding. */
function decodeFile(bytes: Uint8Array) {
  refuseTooLarge(bytes);
  return decodeText(bytes);
}

describe('decoding a text file', () => {
  const korean = 'kpi_code,period,value,note\nCUL-01,2024-03,230000,외국인 관광객\n';
  it('reads UTF-8 with and without a byte-order mark, and CP949', () => {
    expect(decodeFile(utf8(korean))).toEqual({ text: korean, encoding: 'UTF-8' });
    expect(decodeFile(withBom(korean))).toEqual({ text: korean, encoding: 'UTF-8 (BOM)' });
    expect(decodeFile(cp949(korean))).toEqual({ text: korean, encoding: 'CP949' });
  });

  it.each([
    ['an empty file', new Uint8Array(), 'file_empty', {}],
    ['whitespace only', utf8('  \n\n'), 'file_empty', {}],
    [
      'binary garbage',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      'file_binary',
      { offset: 9 },
    ],
    ['a byte-order mark in the middle', utf8(`a,b,c\n1,2,3\n\uFEFFa,b,c\n`), 'file_bom_inside', { row: 3 }],
    ['control characters', utf8('a,b,c\n1,\u0007,3\n'), 'file_control_characters', { row: 2 }],
    [
      'a file over the size limit',
      new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x41),
      'file_too_large',
      { limit: '10 MB' },
    ],
  ])('refuses %s by its code', (_name, bytes, code, params) => {
    expect(() => decodeFile(bytes)).toThrow(ImportFileError);
    expect(() => decodeFile(bytes)).toThrow(
      expect.objectContaining({ code, params: expect.objectContaining(params) }),
    );
  });
});

let db: Db;
const plan = { id: 0, year: 2024 };
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  const row = await db.selectFrom('plans').select('id').where('year', '=', 2024).executeTakeFirstOrThrow();
  plan.id = row.id;
});
afterAll(async () => {
  await db.destroy();
});

async function as(username: string) {
  const { token } = await signIn(db, username);
  return principalFor(db, token);
}

async function count(where = '1 = 1'): Promise<number> {
  const rows = await sql<{
    n: number;
  }>`select count(*) as n from measurements where ${sql.raw(where)}`.execute(db);
  return Number(rows.rows[0]?.n);
}

describe('previewImport', () => {
  it('reads a template file and says what each row would do, writing nothing', async () => {
    const tourism = await as('tourism.head');
    const before = await count();
    const file =
      'kpi_code,period,value,note\nCUL-01,2024.11,"255,000",\nCUL-01,2024년 12월,"260,000",정정\nCUL-01,2024-10,"290,000",축제 효과 재확인\n';
    const preview = await previewImport(db, plan, tourism, utf8(file), { kind: 'template' }, new Date());
    expect(preview.rows.map((r) => [r.line, r.code, r.period, r.value, r.outcome, r.current])).toEqual([
      [2, 'CUL-01', '2024-11', 255_000, 'same', 255_000],
      [3, 'CUL-01', '2024-12', 260_000, 'change', 249_192],
      // The same value with a different note is a change: the note is information too.
      [4, 'CUL-01', '2024-10', 290_000, 'change', 290_000],
    ]);
    expect(preview.canCommit).toBe(true);
    expect(await count()).toBe(before);
  });

  it('names every problem with its line, column and reason', async () => {
    const tourism = await as('tourism.head');
    const file = [
      '지표 코드,기간,값,비고',
      'NOPE-1,2024-03,5,',
      'CUL-01,2024-Q1,5,',
      'CUL-01,2023-05,5,',
      'CUL-01,2024-04,다섯,',
      'CUL-01,2024-05,12.5,',
      'CUL-02,2024-Q1,-1,',
      'SAF-09,2024,50,',
      'CUL-01,2024-06,1,',
      'CUL-01,2024.06,2,',
    ].join('\n');
    const preview = await previewImport(db, plan, tourism, utf8(file), { kind: 'template' }, new Date());
    expect(preview.problems[0]).toMatchObject({
      code: 'unknown_indicator',
      params: { value: 'NOPE-1', year: 2024 },
    });
    expect(preview.problems.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 2, column: '지표 코드', message: '"NOPE-1" is not an indicator of the 2024 plan' },
      { line: 3, column: '기간', message: 'CUL-01 is reported monthly; "2024-Q1" is a quarterly period' },
      { line: 4, column: '기간', message: '"2023-05" is outside the plan year 2024' },
      { line: 5, column: '값', message: '"다섯" is not a number' },
      { line: 6, column: '값', message: '12.5 must be a whole number for this unit (people)' },
      { line: 7, column: '값', message: '-1 must not be negative (cases)' },
      {
        line: 8,
        column: '지표 코드',
        message: "SAF-09 belongs to HEALTH; you may report only your own department's indicators",
      },
      { line: 10, column: '기간', message: 'CUL-01 2024-06 is also on line 9' },
    ]);
    expect(preview.canCommit).toBe(false);
  });

  it('refuses a value and a note that may be one number split at an unquoted comma', async () => {
    const tourism = await as('tourism.head');
    // `32,450` without quotes: 32 in the value, 450 in the note. It may also be 32 with the note "450".
    // `32,450명` too: 32450 people, or 32 with the note "450명".
    const file =
      'kpi_code,period,value,note\nCUL-01,2024-10,32,450\nCUL-01,2024-11,32,450명 증가\nCUL-01,2024-12,32,450명\n';
    const preview = await previewImport(db, plan, tourism, utf8(file), { kind: 'template' }, new Date());
    expect(preview.problems.map((p) => [p.position, p.code, p.params])).toEqual([
      ['C2', 'split_thousands', { value: '32', next: '450', joined: '32,450', plain: '32450' }],
      ['C4', 'split_thousands', { value: '32', next: '450명', joined: '32,450명', plain: '32450명' }],
    ]);
    // A note that does not read as the rest of a number in the indicator's unit is a note.
    expect(preview.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'error'],
      [3, 'change'],
      [4, 'error'],
    ]);
    // Tab-separated, the comma cannot have split anything.
    const tabbed = file.replaceAll(',', '\t');
    const read = await previewImport(db, plan, tourism, utf8(tabbed), { kind: 'template' }, new Date());
    expect(read.problems).toEqual([]);
  });

  it('maps a long file with Korean headers, matching indicators by Korean name', async () => {
    const tourism = await as('tourism.head');
    const file = cp949('구분,지표명,월,실적,비고\n관광,외국인 관광객 수,2024년 10월,"291,000",축제 효과\n');
    const preview = await previewImport(
      db,
      plan,
      tourism,
      file,
      { kind: 'long', indicator: '지표명', indicatorBy: 'name', period: '월', value: '실적', note: '비고' },
      new Date(),
    );
    expect(preview.encoding).toBe('CP949');
    expect(preview.rows).toMatchObject([
      { line: 2, code: 'CUL-01', period: '2024-10', value: 291_000, note: '축제 효과', outcome: 'change' },
    ]);
  });

  it('maps a wide file: one row per indicator, one column per month', async () => {
    const tourism = await as('tourism.head');
    const file = '지표명;2024년 1월;2024년 2월;2024년 3월\nForeign visitors;180000;"195,000";\n';
    const preview = await previewImport(
      db,
      plan,
      tourism,
      withBom(file),
      { kind: 'wide', indicator: '지표명', indicatorBy: 'name' },
      new Date(),
    );
    expect(preview.delimiter).toBe(';');
    expect(preview.rows.map((r) => [r.line, r.column, r.code, r.period, r.value, r.outcome])).toEqual([
      [2, '2024년 1월', 'CUL-01', '2024-01', 180_000, 'same'],
      [2, '2024년 2월', 'CUL-01', '2024-02', 195_000, 'same'],
    ]);
  });

  it('refuses a row with a field past the header where it is, rather than read 32,450 as 32', async () => {
    const tourism = await as('tourism.head');
    const long = await previewImport(
      db,
      plan,
      tourism,
      utf8('kpi_code,period,value\nCUL-01,2024-01,32,450\nCUL-01,2024-02,"262,000"\n'),
      { kind: 'template' },
      new Date(),
    );
    expect(long.problems).toMatchObject([{ line: 2, position: 'D2', code: 'field_past_header' }]);
    expect(long.rows.find((r) => r.line === 3)).toMatchObject({ value: 262_000, outcome: 'change' });
    expect(long.canCommit).toBe(false);
    const wide = await previewImport(
      db,
      plan,
      tourism,
      utf8('지표명,1월,2월,3월\n외국인 관광객 수,32,450,1000,900\n'),
      { kind: 'wide', indicator: '지표명', indicatorBy: 'name' },
      new Date(),
    );
    expect(wide.problems).toMatchObject([{ line: 2, position: 'E2', code: 'field_past_header' }]);
    expect(wide.rows.filter((r) => r.value !== null)).toEqual([]);
  });

  it('refuses a row with more fields than its header, also when the fields past it are empty', async () => {
    // Meant: 1월 "1,200", 2월 900. Unquoted, the row has six fields under a header of five, the last
    // ones empty: read by its cells alone it would be 1월 1, 2월 200, 3월 900.
    const tourism = await as('tourism.head');
    const wide = { kind: 'wide', indicator: '지표명', indicatorBy: 'name' } as const;
    const split = await previewImport(
      db,
      plan,
      tourism,
      utf8('지표명,1월,2월,3월,4월\n외국인 관광객 수,1,200,900,,\n'),
      wide,
      new Date(),
    );
    expect(split.problems.map((p) => [p.position, p.code, p.params])).toEqual([
      ['F2', 'field_past_header', { fields: 5, count: 6 }],
    ]);
    expect(split.rows.filter((r) => r.value !== null)).toEqual([]);
    // A header that ends in an empty field (a trailing comma on every line) is as wide as its rows.
    const trailing = await previewImport(
      db,
      plan,
      tourism,
      utf8('지표명,1월,2월,\n외국인 관광객 수,180000,195000,\n'),
      wide,
      new Date(),
    );
    expect(trailing.problems).toEqual([]);
    expect(trailing.rows.map((r) => r.value)).toEqual([180_000, 195_000]);
  });

  it('lists a problem of a name merged down a long sheet once, at the merged cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('실적');
    sheet.addRow(['지표명', '기간', '실적']);
    sheet.addRow(['없는 지표', '2024-01', 1]);
    sheet.addRow([null, '2024-02', 2]);
    sheet.addRow([null, '2024-03', 3]);
    sheet.mergeCells('A2:A4');
    const preview = await previewImport(
      db,
      plan,
      await as('tourism.head'),
      new Uint8Array(await workbook.xlsx.writeBuffer()),
      { kind: 'long', indicator: '지표명', indicatorBy: 'name', period: '기간', value: '실적' },
      new Date(),
      { filename: 'report.xlsx' },
    );
    expect(preview.problems.map((p) => [p.position, p.code])).toEqual([
      ['실적!A2', 'unknown_indicator_by_name'],
    ]);
    expect(preview.rows.map((r) => [r.line, r.problems.map((p) => p.position)])).toEqual([
      [2, ['실적!A2']],
      [3, ['실적!A2']],
      [4, ['실적!A2']],
    ]);
  });

  it('asks for a mapping when the columns are not the template, showing the rows to choose the header from', async () => {
    const tourism = await as('tourism.head');
    const preview = await previewImport(
      db,
      plan,
      tourism,
      utf8('a,b,c\n1,2,3\n'),
      { kind: 'template' },
      new Date(),
    );
    expect(preview.needsMapping).toBe(true);
    expect(preview.canCommit).toBe(false);
    expect(preview.problems).toMatchObject([
      { line: 1, code: 'not_template_columns', params: { columns: 'a, b, c' } },
    ]);
    expect(preview.layout.firstRows).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['1', '2', '3'] },
    ]);
  });

  it('shows the first rows cut short: 100 columns, 200 characters a cell, not a long cell echoed whole', async () => {
    const tourism = await as('tourism.head');
    const wide = Array.from({ length: 150 }, (_, i) => `h${i}`).join(',');
    const preview = await previewImport(
      db,
      plan,
      tourism,
      utf8(`${wide}\n${'가'.repeat(30_000)},2,3\n`),
      { kind: 'template' },
      new Date(),
    );
    const [header, long] = preview.layout.firstRows;
    expect(header?.cells).toHaveLength(100);
    expect(header?.cells[99]).toBe('h99');
    expect(long?.cells[0]).toBe(`${'가'.repeat(199)}…`);
    expect(long?.cells.slice(1)).toEqual(['2', '3']);
  });
});

describe('commitImport', () => {
  it.each([
    ['a direction override', 'report\u202Evsc.csv', 'text_forbidden_character'],
    ['a name longer than the limit', `${'가'.repeat(300)}.csv`, 'text_too_long'],
  ])(
    'refuses a file name with %s, whichever door the file came through, writing nothing',
    async (_name, filename, code) => {
      const tourism = await as('tourism.head');
      const before = await count();
      const file = 'kpi_code,period,value\nCUL-01,2024-07,300000\n';
      const error = await commitImport(
        db,
        plan,
        tourism,
        utf8(file),
        { kind: 'template' },
        new Date(),
        filename,
      ).catch((e) => e);
      expect(error.cause?.problem?.code).toBe(code);
      expect(await count()).toBe(before);
    },
  );

  it('writes nothing from a file with any problem', async () => {
    const tourism = await as('tourism.head');
    const before = await count();
    const audit = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const file = 'kpi_code,period,value\nCUL-01,2024-07,300000\nCUL-01,2024-08,abc\n';
    const error = await commitImport(
      db,
      plan,
      tourism,
      utf8(file),
      { kind: 'template' },
      new Date(),
      'bad.csv',
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).preview.problems).toEqual([
      {
        line: 3,
        column: 'value',
        code: 'not_a_number',
        params: { value: 'abc' },
        message: '"abc" is not a number',
        position: 'C3',
      },
    ]);
    expect(await count()).toBe(before);
    const after = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(audit.n));
  });

  it('writes a clean file as pending values in one go, audited, skipping unchanged rows', async () => {
    const tourism = await as('tourism.head');
    const pendingBefore = await count("status = 'pending'");
    const file =
      'kpi_code,period,value,note\nCUL-01,2024-07,300000,재집계\nCUL-01,2024-08,270000,\nCUL-02,2024-Q3,41,\n';
    const result = await commitImport(
      db,
      plan,
      tourism,
      utf8(file),
      { kind: 'template' },
      new Date(),
      'tourism-2024.csv',
    );
    expect(result.written).toBe(2);
    expect(result.unchanged).toBe(1);
    expect(await count("status = 'pending'")).toBe(pendingBefore + 2);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .orderBy('id', 'desc')
      .limit(3)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['import', 'measurement.import', 'measurement.import']);
    expect(audit[0]?.entity_id).toBe('tourism-2024.csv');
  });

  it('is one transaction with the file’s audit entry: if that cannot be written, no value is', async () => {
    const tourism = await as('tourism.head');
    const before = await count();
    // The file's audit entry fails as a full disk or a crash at that moment would make it fail.
    const restore = await refuseInserts(db, 'audit_log', 'the disk is full', "new.action = 'import'");
    try {
      const error = await commitImport(
        db,
        plan,
        tourism,
        // Low enough to leave CUL-03 slipping: it comes with its commentary.
        utf8('kpi_code,period,value,원인 분석,향후 대책\nCUL-03,2024-Q2,41000,기항 감소,유치 확대\n'),
        { kind: 'template' },
        new Date(),
        'half.csv',
      ).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/the disk is full/);
    } finally {
      await restore();
    }
    expect(await count()).toBe(before);
  });
});

describe('a pending value', () => {
  it('is what a file is compared with: repeating the approved value replaces a wrong pending one', async () => {
    const tourism = await as('tourism.head');
    // The commit test above left 300000 pending for CUL-01 2024-07; the approved value is 255000.
    const preview = await previewImport(
      db,
      plan,
      tourism,
      utf8('kpi_code,period,value\nCUL-01,2024-07,255000\n'),
      { kind: 'template' },
      new Date(),
    );
    expect(preview.rows).toMatchObject([
      { period: '2024-07', value: 255_000, current: 300_000, outcome: 'change' },
    ]);
  });
});

describe('round trip', () => {
  it('imports its own measurements export back as exactly the same values', async () => {
    const admin = await as('admin');
    const { stringify } = await import('csv-stringify/sync');
    const { csvOptions } = await import('../export/table.js');
    // ADM has no pending values at this point of the file, so what is approved is what is in force.
    const table = await measurementExport(db, 1, {
      year: 2024,
      sector: 'ADM',
      status: 'approved',
      lang: 'ko',
    });
    const rows = await readAll(table.rows);
    const text = stringify(
      rows.map((row) => Object.fromEntries(row.map((cell, i) => [String(i), cell]))),
      csvOptions(table.header),
    );
    const preview = await previewImport(
      db,
      plan,
      admin,
      utf8(text),
      {
        kind: 'long',
        indicator: '지표 코드',
        indicatorBy: 'code',
        period: '기간',
        value: '값',
        note: '비고',
      },
      new Date(),
    );
    expect(preview.problems).toEqual([]);
    expect(preview.rows.length).toBe(rows.length);
    expect(preview.counts).toEqual({ new: 0, change: 0, same: rows.length, error: 0 });
    // Through CP949, as Korean Excel would save it, Korean text included.
    const again = await previewImport(
      db,
      plan,
      admin,
      cp949(text.replace(/^\uFEFF/, '')),
      { kind: 'long', indicator: '지표명', indicatorBy: 'name', period: '기간', value: '값' },
      new Date(),
    );
    expect(again.encoding).toBe('CP949');
    expect(again.counts.same).toBe(rows.length);
  });
});

describe('who may import', () => {
  it('treats an anonymous caller as unable to write anything', async () => {
    const nobody = await resolvePrincipal(db, { publicDashboard: false, now: new Date() });
    await expect(
      commitImport(
        db,
        plan,
        nobody,
        utf8('kpi_code,period,value\nCUL-01,2024-07,1\n'),
        { kind: 'template' },
        new Date(),
        'x.csv',
      ),
    ).rejects.toThrow(/Sign in/);
  });
});
