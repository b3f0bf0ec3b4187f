/**
 * `pnpm cli` in Korean and in English: a success and a refusal of each command family, the
 * language chosen by --lang, TANGIBLE_LANG or LANG, run as the operator runs it.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'tangible-cli-language-'));
const DATABASE_URL = `file:${join(dir, 'cli.sqlite')}`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with no language in its environment but what `env` adds. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, TANGIBLE_LANG: '', LC_ALL: '', LANG: 'C.UTF-8', DATABASE_URL, ...env },
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

beforeAll(async () => {
  const seeded = await cli(['db', 'seed'], { LANG: 'ko_KR.UTF-8' });
  expect(seeded).toMatchObject({ status: 0, stdout: expect.stringMatching(/^2024년 계획을 넣었습니다/) });
}, 60_000);

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
    expect(koRefused).toMatchObject({ status: 1, stderr: '오류: 2030년 계획이 없습니다. 있는 계획: 2024\n' });
    expect(enRefused).toMatchObject({
      status: 1,
      stderr: 'error: There is no plan for 2030. Plans: 2024.\n',
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
    expect(koRefused.stdout).toContain('  2행 "period" 열: "2024-13"은(는) 기간이 아닙니다');
    expect(koRefused.stdout).toContain('  3행 "value" 열: -3: 음수일 수 없습니다 (명)');
    expect(koRefused.stderr).toBe('아무것도 저장하지 않았습니다. 위의 행을 고친 뒤 다시 시도하세요.\n');
    expect(enRefused.status).toBe(1);
    expect(enRefused.stdout).toContain('  line 3, column "value": -3 must not be negative (people)');
    expect(enRefused.stderr).toBe('Nothing was written. Correct the rows above and try again.\n');
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
    expect(koRefused.stderr).toMatch(
      /^오류: 옵션 '--as-of <month>'의 값 '2024-13'이\(가\) 올바르지 않습니다. --as-of: YYYY-MM 형식이어야 합니다\n/,
    );
    expect(enRefused.stderr).toMatch(
      /^error: option '--as-of <month>' argument '2024-13' is invalid. --as-of: must be YYYY-MM\n/,
    );
  });
});
