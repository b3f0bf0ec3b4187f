/**
 * `pnpm cli` in Korean and in English: a success and a refusal of each command family, the
 * language chosen by --lang, TANGIBLE_LANG or LANG, run as the operator runs it.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyTestDatabaseUrl } from '@tangible/db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'tangible-cli-language-'));
/** The CLI's database, on the engine the tests run on. */
let database: Awaited<ReturnType<typeof emptyTestDatabaseUrl>>;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with no language in its environment but what `env` adds. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      TANGIBLE_LANG: '',
      LC_ALL: '',
      LANG: 'C.UTF-8',
      DATABASE_URL: database.url,
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

const KO = { TANGIBLE_LANG: 'ko' };

/**
 * A workbook as a department keeps it: a guide sheet first, then the figures under a title, a
 * blank row and the header (row 3); a period that is none, and another department's indicator.
 */
async function workbookFile(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook
    .addWorksheet('안내')
    .addRows([['이 통합 문서는 관광 실적 보고용입니다.'], ['실적 시트에 입력하세요.']]);
  const sheet = workbook.addWorksheet('실적');
  sheet.getCell('A1').value = '2024년 관광마이스국 실적';
  sheet.getRow(3).values = ['kpi_code', 'period', 'value'];
  sheet.getRow(4).values = ['CUL-01', '2024-13', 5];
  sheet.getRow(5).values = ['ECO-01', '2024-Q1', 3];
  const file = join(dir, '관광-실적.xlsx');
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  return file;
}

beforeAll(async () => {
  database = await emptyTestDatabaseUrl();
  const seeded = await cli(['db', 'seed'], { LANG: 'ko_KR.UTF-8' });
  expect(seeded).toMatchObject({
    status: 0,
    stdout: expect.stringMatching(/^busan의 2024년 계획을 넣었습니다/),
  });
}, 60_000);
afterAll(() => database?.drop());

describe('pnpm cli speaks Korean and English', () => {
  it('db: up to date, and a plan already seeded', async () => {
    const [ko, en, koRefused, enRefused] = await Promise.all([
      cli(['db', 'migrate'], KO),
      cli(['db', 'migrate', '--lang', 'en'], KO),
      cli(['db', 'seed', '--lang', 'ko']),
      cli(['db', 'seed']),
    ]);
    expect(ko).toMatchObject({ status: 0, stdout: '이미 최신 상태입니다.\n' });
    expect(en).toMatchObject({ status: 0, stdout: 'Already up to date.\n' });
    expect(koRefused).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/^오류: 2024년 계획이 이미 데이터베이스에 있습니다/),
    });
    expect(enRefused).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/^error: The 2024 plan is already in the database/),
    });
  });

  it('export: the figures with their names, and a year without a plan', async () => {
    const args = ['export', 'indicators', '--year', '2024', '--sector', 'ADM'];
    const [ko, en, koRefused, enRefused] = await Promise.all([
      cli(args, KO),
      cli([...args, '--lang', 'en'], KO),
      cli(['export', 'indicators', '--year', '2030', '--lang', 'ko']),
      cli(['export', 'indicators', '--year', '2030']),
    ]);
    expect(ko.stdout).toMatch(/^\uFEFF분야 코드,분야,/);
    expect(ko.stdout).toMatch(/,국제금융센터지수\(GFCI\) 순위,/);
    expect(en.stdout).toMatch(/^\uFEFFsector_code,sector_name,/);
    expect(en.stdout).toMatch(/,Global Financial Centres Index \(GFCI\) rank,/);
    expect(koRefused).toMatchObject({
      status: 1,
      stderr:
        '오류: 2030년은 계획도 없고, 뒤의 계획이 기준값으로 적은 해도 아닙니다. 계획이 있는 해: 2024, 2025. 기준값만 있는 해: 2018, 2023\n',
    });
    expect(enRefused).toMatchObject({
      status: 1,
      stderr:
        'error: There is no plan for 2030, and no later plan has a baseline of that year. Plans: 2024, 2025. Years with baselines only: 2018, 2023.\n',
    });
  });

  it('user: the list under its heading, and a password too short', async () => {
    const weak = { TANGIBLE_PASSWORD: 'short' };
    const [ko, en, koRefused, enRefused] = await Promise.all([
      cli(['user', 'list', '--lang', 'ko']),
      cli(['user', 'list']),
      cli(['user', 'add', 'kim', '--role', 'analyst'], { ...weak, LANG: 'ko_KR.UTF-8' }),
      cli(['--lang', 'en', 'user', 'add', 'kim', '--role', 'analyst'], { ...weak, ...KO }),
    ]);
    expect(ko.stdout).toMatch(/^아이디\t역할\t부서\t이름\t표시\n/);
    expect(ko.stdout).toMatch(/^mayor\texecutive\t-\t.*\t데모 비밀번호$/m);
    expect(en.stdout).toMatch(/^username\trole\tdepartment\tname\tmarks\n/);
    expect(en.stdout).toMatch(/^mayor\texecutive\t-\t.*\tDEMO PASSWORD$/m);
    expect(koRefused).toMatchObject({ status: 1, stderr: '오류: 비밀번호는 10자 이상이어야 합니다.\n' });
    expect(enRefused).toMatchObject({
      status: 1,
      stderr: 'error: The password must have at least 10 characters.\n',
    });
  });

  it('token: a token created, and a token already revoked', async () => {
    const ko = await cli(['token', 'create', 'analyst', '--name', '야간 내보내기'], KO);
    const en = await cli(['token', 'create', 'analyst', '--name', 'nightly export']);
    expect(ko.stdout).toMatch(/^tgb_[\w-]{40,}\n$/);
    expect(ko.stderr).toMatch(/^analyst의 토큰 #\d+입니다. 지금 복사해 두세요/);
    expect(en.stderr).toMatch(/^Token #\d+ for analyst. Copy it now: it is not shown again.\n$/);
    const id = en.stderr.match(/#(\d+)/)?.[1] ?? '';
    expect((await cli(['token', 'revoke', id])).stdout).toBe(`Token #${id} revoked.\n`);
    const [koList, koRefused, enRefused] = await Promise.all([
      cli(['token', 'list'], KO),
      cli(['token', 'revoke', id], KO),
      cli(['token', 'revoke', id]),
    ]);
    expect(koList.stdout).toMatch(/^번호\t사용자\t이름\t앞부분\t만든 때\t상태\n/);
    expect(koList.stdout).toMatch(new RegExp(`^#${id}\\tanalyst\\tnightly export\\t.*\\t\\S+ 폐기$`, 'm'));
    expect(koList.stdout).toMatch(/\t야간 내보내기\t.*\t사용 중$/m);
    expect(koRefused).toMatchObject({ status: 1, stderr: `오류: 토큰 #${id}은(는) 이미 폐기되었습니다.\n` });
    expect(enRefused).toMatchObject({ status: 1, stderr: `error: Token #${id} is already revoked.\n` });
  });

  it('import: a dry run, and rows with problems (units and all) said in the reader’s language', async () => {
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'kpi_code,period,value\r\nCUL-01,2024년 12월,"260,000"\r\n');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'kpi_code,period,value\nCUL-01,2024-13,5\nCUL-01,2024-11,-3\n');
    const as = ['--year', '2024', '--user', 'tourism.head'];
    const [ko, en, koRefused, enRefused] = await Promise.all([
      cli(['import', good, ...as, '--dry-run'], KO),
      cli(['import', good, ...as, '--dry-run']),
      cli(['import', bad, ...as], KO),
      cli(['import', bad, ...as]),
    ]);
    expect(ko).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/바뀐 값 1개[\s\S]*\n시험 실행이라 아무것도 저장하지 않았습니다.\n$/),
    });
    expect(en).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/1 changed[\s\S]*\nDry run: nothing was written.\n$/),
    });
    expect(koRefused.status).toBe(1);
    expect(koRefused.stdout).toContain('  B2 (2행 "period" 열): "2024-13"은(는) 기간이 아닙니다');
    expect(koRefused.stdout).toContain('  C3 (3행 "value" 열): -3: 음수일 수 없습니다 (명)');
    expect(koRefused.stderr).toBe('아무것도 저장하지 않았습니다. 위의 행을 고친 뒤 다시 시도하세요.\n');
    expect(enRefused.status).toBe(1);
    expect(enRefused.stdout).toContain('  C3 (line 3, column "value"): -3 must not be negative (people)');
    expect(enRefused.stderr).toBe('Nothing was written. Correct the rows above and try again.\n');
  });

  it('import: a workbook’s second sheet read from the header row chosen, problems at the sheet’s cell, departments by name', async () => {
    const file = await workbookFile();
    const as = ['--year', '2024', '--user', 'tourism.head', '--sheet', '실적'];
    const [ko, en, blankHeader] = await Promise.all([
      cli(['import', file, ...as, '--header-row', '3'], KO),
      cli(['import', file, ...as, '--header-row=3']),
      cli(['import', file, ...as, '--header-row', '2']),
    ]);
    expect(ko.status).toBe(1);
    expect(ko.stdout).toMatch(
      /^관광-실적\.xlsx: 엑셀 통합 문서\(xlsx\), 시트 "실적", 머리글 3행, 세로형 형식, /,
    );
    expect(ko.stdout).toContain('  실적!B4 (4행 "period" 열): "2024-13"은(는) 기간이 아닙니다');
    expect(ko.stdout).toContain('  실적!A5 (5행 "kpi_code" 열): ECO-01은(는) 금융창업정책관 소관입니다.');
    expect(en.status).toBe(1);
    expect(en.stdout).toMatch(
      /^관광-실적\.xlsx: Excel workbook \(xlsx\), sheet "실적", header row 3, long format, /,
    );
    expect(en.stdout).toContain('  실적!B4 (line 4, column "period"): "2024-13" is not a period');
    expect(en.stdout).toContain(
      '  실적!A5 (line 5, column "kpi_code"): ECO-01 belongs to Financial & Startup Policy Office;',
    );
    expect(blankHeader).toMatchObject({
      status: 1,
      stderr: 'error: Row 2 is empty or not in the file, so it cannot be the header row\n',
    });
  });

  it('import: a workbook read without --sheet says which sheet it read, and a dry run exits 1 as the import would', async () => {
    const file = await workbookFile();
    const as = ['--year', '2024', '--user', 'tourism.head'];
    const [ko, en, enDry, chosen] = await Promise.all([
      cli(['import', file, ...as, '--dry-run'], KO),
      cli(['import', file, ...as]),
      cli(['import', file, ...as, '--dry-run']),
      cli(['import', file, ...as, '--sheet', '실적', '--header-row', '3', '--dry-run']),
    ]);
    // The guide sheet comes first: its columns are not the template's, so nothing can be imported.
    expect(ko.status).toBe(1);
    expect(ko.stdout).toContain(
      '통합 문서의 시트 2개(안내, 실적) 중 "안내" 시트를 읽었습니다. 다른 시트를 읽으려면 --sheet "<시트 이름>"을 주세요.',
    );
    expect(en.status).toBe(1);
    expect(en.stdout).toContain(
      'Read sheet "안내", one of the workbook\'s 2 sheets: 안내, 실적. To read another, give --sheet "<name>".',
    );
    expect(enDry.status).toBe(1);
    expect(enDry.stdout).not.toContain('Dry run: nothing was written.');
    expect(enDry.stderr).toBe('Nothing was written. Correct the rows above and try again.\n');
    // The sheet the reader chose: no hint; its problems still fail the dry run.
    expect(chosen.status).toBe(1);
    expect(chosen.stdout).not.toContain('--sheet');
  });

  it('import: a sheet whose name ends in a space is chosen by its name as written', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('안내').addRow(['실적 시트에 입력하세요.']);
    workbook.addWorksheet('실적 ').addRows([
      ['kpi_code', 'period', 'value'],
      ['CUL-01', '2024-13', 5],
    ]);
    const file = join(dir, '공백-시트.xlsx');
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const run = await cli(['import', file, '--year', '2024', '--user', 'tourism.head', '--sheet', '실적 ']);
    expect(run.stdout).toMatch(/^공백-시트\.xlsx: Excel workbook \(xlsx\), sheet "실적 ", header row 1, /);
  });

  it('import: a header row or a sheet that cannot be read is refused in the reader’s language', async () => {
    const file = await workbookFile();
    const as = ['--year', '2024', '--user', 'tourism.head'];
    const [koRow, enRow, koSheet, enSheet] = await Promise.all([
      cli(['import', file, ...as, '--header-row', '0'], KO),
      cli(['import', file, ...as, '--header-row', 'three']),
      cli(['import', file, ...as, '--sheet', '실적 2'], KO),
      cli(['import', file, ...as, '--sheet', ' ']),
    ]);
    expect(koRow).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(
        /^오류: 옵션 '--header-row <n>'의 값 '0'이\(가\) 올바르지 않습니다. --header-row: 엑셀의 행 번호처럼 1부터 1048576 사이의 정수여야 합니다\n/,
      ),
    });
    expect(enRow).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(
        /^error: option '--header-row <n>' argument 'three' is invalid. --header-row: must be a row number from 1 to 1048576/,
      ),
    });
    expect(koSheet).toMatchObject({
      status: 1,
      stderr: '오류: 「실적 2」 시트가 없습니다. 시트: 안내, 실적\n',
    });
    expect(enSheet).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(
        /^error: option '--sheet <name>' argument ' ' is invalid. --sheet: must name a sheet/,
      ),
    });
  });

  it('commander: the help, and a usage error', async () => {
    const [ko, en, koRefused, enRefused] = await Promise.all([
      cli(['token', '--help'], KO),
      cli(['token', '--help']),
      cli(['export', 'indicators', '--as-of', '2024-13', '--year', '2024'], KO),
      cli(['export', 'indicators', '--as-of', '2024-13', '--year', '2024']),
    ]);
    expect(ko.stdout).toMatch(/^사용법: pnpm cli token \[options\] \[command\]\n\n스크립트용 API 토큰/);
    expect(ko.stdout).toMatch(/\n명령:\n {2}create \[options\] <username> +사용자의 토큰을 발급합니다/);
    expect(ko.stdout).toMatch(/\n공통 옵션:\n {2}--lang <lang> +출력 언어/);
    expect(en.stdout).toMatch(/^Usage: pnpm cli token \[options\] \[command\]\n\nAPI tokens for scripts/);
    // --lang sets the output's language and, for export, the names'; its defaults differ, both said.
    const flat = (help: string) => help.replace(/\s+/g, ' ');
    expect(flat(en.stdout)).toContain(
      '--lang <lang> ko or en: the language of what is printed (without it: TANGIBLE_LANG, else Korean when LANG starts with ko, else English); for export also of the names in the file (without it: Korean, whatever the environment)',
    );
    expect(flat(ko.stdout)).toContain(
      'export에서는 파일에 쓰는 이름의 언어도 정합니다 (없으면 환경과 상관없이 한국어)',
    );
    expect(koRefused.stderr).toMatch(
      /^오류: 옵션 '--as-of <month>'의 값 '2024-13'이\(가\) 올바르지 않습니다. --as-of: YYYY-MM 형식이어야 합니다\n/,
    );
    expect(enRefused.stderr).toMatch(
      /^error: option '--as-of <month>' argument '2024-13' is invalid. --as-of: must be YYYY-MM\n/,
    );
  });
});
