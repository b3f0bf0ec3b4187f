import { join } from 'node:path';
import { demoPassword } from '@tangible/api';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterOutputs } from '../src/trpc';
import { ARTEFACTS, type Harness, openPage, seriousViolations, startHarness } from './harness';

type Status = RouterOutputs['reports']['status'];
type Pending = RouterOutputs['approvals']['pending'];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** A query answered by the same server the browser talks to (with the analyst's read-only token). */
async function call<T>(procedure: string, input: Record<string, unknown>): Promise<T> {
  const response = await fetch(
    `${harness.base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  expect(response.status, procedure).toBe(200);
  return (await response.json()).result.data as T;
}
const tourism = () => call<Status>('reports.status', { year: 2024, department: 'TOURISM' });
const pending = async () => (await call<Pending>('approvals.pending', { year: 2024, limit: 100 })).items;
const approvedOf = (status: Status, code: string, period: string) =>
  status.indicators.find((i) => i.code === code)?.periods.find((p) => p.period === period)?.approved?.value ??
  null;
const stateOf = (status: Status, code: string, period: string) =>
  status.indicators.find((i) => i.code === code)?.periods.find((p) => p.period === period)?.state;

/** The browser's own console line for a request the server refused on purpose (400/422). */
const refusedLine = (line: string) =>
  /Failed to load resource: the server responded with a status of (400|422)/.test(line);

/** Opens /import signed out and signs in through the form, the way a person does. */
async function signedIn(username: string, options: { language?: 'ko' | 'en'; bypassCSP?: boolean } = {}) {
  const next = '/import?year=2024&asOf=2024-12';
  const opened = await openPage(harness, `/signin?next=${encodeURIComponent(next)}`, {
    user: null,
    ...options,
  });
  const { page } = opened;
  const en = options.language === 'en';
  await page.getByLabel(en ? 'Username' : '아이디').fill(username);
  await page.getByLabel(en ? 'Password' : '비밀번호').fill(demoPassword(username));
  await page.getByRole('button', { name: en ? 'Sign in' : '로그인', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/import');
  await page.locator('input[type="file"]').waitFor();
  return opened;
}

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();
const count = (page: Page, outcome: string) =>
  page.locator(`.import-counts li[data-outcome="${outcome}"]`).getAttribute('data-count');

describe('importing actuals from a file in Chromium', () => {
  it('a template file with a change previews as changed against the approved value, then imports as pending', async () => {
    const before = await tourism();
    const current = approvedOf(before, 'CUL-01', '2024-12');
    const november = approvedOf(before, 'CUL-01', '2024-11');
    expect(current).not.toBeNull();
    expect(november).not.toBeNull();
    const pendingBefore = (await pending()).length;

    const { page, problems, close } = await signedIn('tourism.head', { bypassCSP: true });
    expect(await text(page, 'h1')).toBe('파일로 실적 가져오기');
    // The department's name arrives with the departments list, a moment after the heading.
    await expect.poll(() => text(page, '.import-scope')).toContain('관광마이스국');
    const template = page.getByRole('link', { name: /입력 양식\(CSV\) 내려받기/ });
    expect(await template.getAttribute('href')).toBe('/api/import/template.csv?year=2024');

    // One changed value and one the same as approved, as a bureau head would save it from Excel.
    const file = [
      'kpi_code,kpi_name,period,value,note,evidence_url',
      `CUL-01,외국인 관광객 수,2024-11,${november},,`,
      'CUL-01,외국인 관광객 수,2024-12,300000,12월 확정치 반영,https://www.visitbusan.net/stats',
      '',
    ].join('\r\n');
    await upload(page, '관광-실적.csv', Buffer.from(file, 'utf8'));
    const changed = page.locator('table.import-rows tr[data-code="CUL-01"][data-period="2024-12"]');
    await changed.waitFor();
    expect(await text(page, '.import-detected')).toContain('UTF-8');
    expect(await text(page, '.import-detected')).toContain('쉼표(,)');
    expect(await changed.getAttribute('data-outcome')).toBe('change');
    expect(await changed.locator('td').nth(3).getAttribute('data-value')).toBe('300000');
    expect(await changed.locator('td').nth(4).getAttribute('data-current')).toBe(String(current));
    // The column holds the value in force (a pending one first), not only an approved one.
    expect(await text(page, 'table.import-rows thead th:nth-child(5)')).toBe('현재 값(승인 대기 포함)');
    expect(await changed.locator('td').nth(4).textContent()).toBe(
      new Intl.NumberFormat('ko-KR').format(current ?? 0),
    );
    expect(await changed.textContent()).toContain('값 변경');
    expect(await changed.textContent()).toContain('2024년 12월');
    const same = page.locator('table.import-rows tr[data-period="2024-11"]');
    expect(await same.getAttribute('data-outcome')).toBe('same');
    expect(await same.textContent()).toContain('변경 없음');
    expect(await count(page, 'change')).toBe('1');
    expect(await count(page, 'same')).toBe('1');
    expect(await count(page, 'error')).toBe('0');

    const importButton = page.getByRole('button', { name: '가져오기', exact: true });
    expect(await importButton.isEnabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'import-preview-ko.png'), fullPage: true });

    await importButton.click();
    await expect.poll(() => text(page, '.import-done')).toContain('1건을 승인 대기로 등록했습니다');
    expect(await text(page, '.import-done')).toContain('값이 같은 1건은 건너뛰었습니다');
    const after = await pending();
    expect(after.length).toBe(pendingBefore + 1);
    expect(after.find((p) => p.code === 'CUL-01' && p.period === '2024-12')?.value).toBe(300000);

    // The link leads to the report screen, where the value waits for approval.
    await page.getByRole('link', { name: '실적 입력 화면에서 확인하기' }).click();
    await page.waitForURL((url) => url.pathname === '/report');
    const cell = page.locator('tr[data-code="CUL-01"] td[data-period="2024-12"]');
    await expect.poll(() => cell.getAttribute('data-state')).toBe('pending');
    expect(await cell.textContent()).toContain('승인 대기');
    expect(stateOf(await tourism(), 'CUL-01', '2024-12')).toBe('pending');
    expect(problems).toEqual([]);
    await close();
  });

  it('a CP949 file with Korean headers, periods across the columns, goes through the column mapping', async () => {
    const before = await tourism();
    const q1 = approvedOf(before, 'CUL-02', '2024-Q1');
    expect(q1).not.toBeNull();
    const pendingBefore = (await pending()).length;
    const csv = ['지표명,2024년 1분기,2024년 2분기,비고', `국제회의 개최 건수,${q1},55,부서 집계`, ''].join(
      '\r\n',
    );
    const bytes = iconv.encode(csv, 'cp949');
    expect(bytes.includes(Buffer.from('지표명', 'utf8'))).toBe(false);

    const { page, problems, close } = await signedIn('tourism.head', { language: 'en', bypassCSP: true });
    await upload(page, 'tourism-wide.csv', bytes);
    // The server says the columns are not the template's; the screen asks which column holds what.
    const mapping = page.locator('form.import-mapping');
    await mapping.waitFor();
    expect(await text(page, '.import-file-note')).toContain("The columns are not the template's");
    expect(await page.locator('.import-header-found').getAttribute('data-header-row')).toBe('1');
    await page.getByLabel('Column holding the indicator').selectOption('지표명');
    await page.getByLabel('Indicator names (Korean or English)').check();
    expect(await page.getByLabel('Periods run across the columns').isChecked()).toBe(true);
    // Columns named like periods are ticked; the remarks column (비고) is never a period, not offered.
    expect(await page.getByLabel('2024년 1분기').isChecked()).toBe(true);
    expect(await page.getByLabel('2024년 2분기').isChecked()).toBe(true);
    expect(await page.getByLabel('비고').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'import-mapping-en.png'), fullPage: true });

    await page.getByRole('button', { name: 'Preview with this mapping' }).click();
    const q2 = page.locator('table.import-rows tr[data-period="2024-Q2"]');
    await q2.waitFor();
    expect(await text(page, '.import-detected')).toContain('Encoding CP949');
    expect(await text(page, '.import-detected')).toContain('wide');
    expect(await q2.getAttribute('data-code')).toBe('CUL-02');
    expect(await q2.locator('td').nth(1).textContent()).toBe('2024년 2분기');
    const q2Outcome = approvedOf(before, 'CUL-02', '2024-Q2') === null ? 'new' : 'change';
    expect(await q2.getAttribute('data-outcome')).toBe(q2Outcome);
    expect(
      await page.locator('table.import-rows tr[data-period="2024-Q1"]').getAttribute('data-outcome'),
    ).toBe('same');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => text(page, '.import-done')).toContain('1 value is now waiting for approval');
    const after = await pending();
    expect(after.length).toBe(pendingBefore + 1);
    expect(after.find((p) => p.code === 'CUL-02' && p.period === '2024-Q2')?.value).toBe(55);
    expect(problems.filter((line) => !refusedLine(line))).toEqual([]);
    await close();
  });

  // A bureau's quarterly sheet as Korean Excel saves it (CP949): a title, a wide 작성 block that
  // looks like a header, the real header with 연번/단위/합계/비고, a 합계 row.
  const keptSheet = (cruiseQ4: string, total: string) =>
    iconv.encode(
      [
        '2024년 관광마이스국 주요 지표 실적 (분기),,,,,,,,',
        '작성부서,관광정책과,작성자,김주무관,작성일,2024-12-31,연락처,051-888-0000,',
        '연번,지표명,단위,2024년 1분기,2024년 2분기,2024년 3분기,2024년 4분기,합계,비고',
        `1,크루즈 관광객,명,"32,000","61,000","58,000",${cruiseQ4},${total},4분기 정정`,
        '2,국제회의 개최 건수,건,32,,,,32,',
        `합계,,,"32,032","61,000","58,000",${cruiseQ4},,`,
        '',
      ].join('\r\n'),
      'cp949',
    );

  it('a CP949 sheet with a title and a 합계 row: the header row picked, warnings and blanks shown in Korean, imported as pending', async () => {
    const pendingBefore = (await pending()).length;
    const { page, problems, close } = await signedIn('tourism.head', { bypassCSP: true });
    await upload(page, '관광-분기실적.csv', keptSheet('"37,500"', '"190,000"'));
    // The 작성 block is taken for the header at first; the person picks row 3.
    const found = page.locator('.import-header-found');
    await found.waitFor();
    expect(await found.getAttribute('data-header-row')).toBe('2');
    await page.locator('form.import-mapping').waitFor();
    // The radio follows the server's reading, so it changes once the file is read again.
    await page.getByLabel('3행을 머리글로').click();
    await expect.poll(() => found.getAttribute('data-header-row')).toBe('3');
    expect(await text(page, '.import-header-found')).toContain('3행 (직접 고름)');
    expect(await text(page, '.import-header-found')).toContain('합계 행 6은(는) 가져오지 않습니다');
    expect(await text(page, '.import-roles')).toBe('값이 아닌 열: 연번 A3, 단위 C3, 합계 H3, 비고 I3.');

    await page.getByLabel('지표가 들어 있는 열').selectOption('지표명');
    await page.getByLabel('지표 이름 (한국어 또는 영어)').check();
    expect(await page.getByLabel('기간이 열로 펼쳐져 있음').isChecked()).toBe(true);
    expect(await page.getByLabel('2024년 4분기').isChecked()).toBe(true);
    // 합계, 연번, 단위 and 비고 are never periods: they are not offered.
    expect(await page.getByLabel('합계', { exact: true }).count()).toBe(0);
    await page.screenshot({ path: join(ARTEFACTS, 'import-kept-mapping-ko.png'), fullPage: true });
    await page.getByRole('button', { name: '이 지정으로 미리 보기' }).click();

    const q4 = page.locator('table.import-rows tr[data-code="CUL-03"][data-period="2024-Q4"]');
    await q4.waitFor();
    expect(await q4.getAttribute('data-outcome')).toBe('change');
    expect(await q4.getAttribute('data-position')).toBe('G4');
    // The 합계 column disagrees with the quarters: a warning, in Korean, with the cell.
    expect(await page.locator('.import-warnings:not(.import-owed) li').allTextContents()).toEqual([
      'H4 (4행 「합계」 열): 합계 190,000이(가) 기간별 값의 합 188,500과(와) 다릅니다',
    ]);
    // 37,500 leaves CUL-03 short of its target and the sheet has no commentary: it goes in owing it.
    expect(await page.locator('.import-owed li').allTextContents()).toEqual([
      'G4 (4행 「2024년 4분기」 열): CUL-03 2024년 4분기 값(37,500)으로 지표가 목표에 못 미치는데 원인 분석과 향후 대책이 없습니다. 값은 승인 대기로 들어가지만, 부서장이 보고 화면에서 같은 값과 함께 원인 분석·향후 대책을 적어야 승인할 수 있습니다',
    ]);
    // Blank quarters are not reported, never errors.
    expect(await text(page, '.import-not-reported summary')).toBe('미보고(빈칸) 3칸');
    expect(
      await page
        .locator('.import-not-reported li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-position'))),
    ).toEqual(['E5', 'F5', 'G5']);
    expect(await count(page, 'error')).toBe('0');
    expect(await page.locator('table.import-rows tr[data-line="6"]').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('.import-not-reported summary').click();
    await page.screenshot({ path: join(ARTEFACTS, 'import-kept-preview-ko.png'), fullPage: true });

    await page.getByRole('button', { name: '가져오기', exact: true }).click();
    await expect.poll(() => text(page, '.import-done')).toContain('1건을 승인 대기로 등록했습니다');
    const after = await pending();
    expect(after.length).toBe(pendingBefore + 1);
    expect(after.find((p) => p.code === 'CUL-03' && p.period === '2024-Q4')?.value).toBe(37_500);
    expect(problems).toEqual([]);
    await close();
  });

  it('the same sheet next time is read with the remembered columns, and its problems are said in Korean', async () => {
    const { page, problems, close } = await signedIn('tourism.head');
    await upload(page, '관광-분기실적-2.csv', keptSheet('다섯', ''));
    await page.locator('.import-problems').waitFor();
    expect(await text(page, '.import-mapping-used')).toContain('지난번 고른 열 지정을 썼습니다');
    expect(await page.locator('.import-header-found').getAttribute('data-header-row')).toBe('3');
    expect(await page.locator('.import-problems li').allTextContents()).toEqual([
      'G4 (4행 「2024년 4분기」 열): "다섯"은(는) 숫자가 아닙니다',
    ]);
    expect(await page.getByRole('button', { name: '가져오기', exact: true }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTEFACTS, 'import-kept-problems-ko.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  // A bureau's monthly workbook as Excel keeps it: a guide sheet first, then '실적' with a merged
  // title, month headers typed as dates, a name that is not quite the indicator's, a 미집계 month,
  // a 합계 column of formulas (their cached results) and a 합계 row.
  async function monthlyWorkbook(october: number, november: number): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const guide = workbook.addWorksheet('안내');
    guide.addRow(['관광마이스국 월별 실적 보고 양식입니다.']);
    guide.addRow(['「실적」 시트에 값을 입력하고, 합계는 고치지 마세요.']);
    const sheet = workbook.addWorksheet('실적');
    sheet.getCell('A1').value = '2024년 관광마이스국 월별 실적 (4분기)';
    sheet.mergeCells('A1:H1');
    const month = (m: number) => new Date(Date.UTC(2024, m - 1, 1));
    sheet.getRow(3).values = ['연번', '지표명', '단위', month(10), month(11), month(12), '합계', '비고'];
    for (const cell of ['D3', 'E3', 'F3']) sheet.getCell(cell).numFmt = 'yyyy"년" m"월"';
    const total = october + november;
    sheet.getRow(4).values = [1, '외국인 관광객', '명', october, november, '미집계'];
    sheet.getCell('G4').value = { formula: 'SUM(D4:F4)', result: total };
    sheet.getCell('H4').value = '11월 잠정치 정정';
    sheet.getRow(5).values = [
      '합계',
      '',
      '',
      october,
      november,
      '',
      { formula: 'SUM(G4:G4)', result: total },
    ];
    for (const cell of ['D4', 'E4', 'G4', 'D5', 'E5', 'G5']) sheet.getCell(cell).numFmt = '#,##0';
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('an xlsx workbook: the sheet picked, a name chosen from the candidates, imported as pending', async () => {
    // A first upload of this layout: what an earlier test taught the department is forgotten, so
    // the person chooses the columns whatever order the tests run in.
    await harness.db.deleteFrom('import_layouts').execute();
    const before = await tourism();
    const october = approvedOf(before, 'CUL-01', '2024-10');
    expect(october).not.toBeNull();
    const pendingBefore = (await pending()).length;
    const { page, problems, close } = await signedIn('tourism.head', { bypassCSP: true });

    // Both templates are offered; the workbook one speaks the reader's language and opens as a workbook.
    const xlsxTemplate = page.getByRole('link', { name: /입력 양식\(엑셀 xlsx\) 내려받기/ });
    const href = (await xlsxTemplate.getAttribute('href')) ?? '';
    expect(href).toBe('/api/import/template.xlsx?year=2024&lang=ko');
    const download = await page.request.get(`${harness.base}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await download.body()) as unknown as ArrayBuffer);
    expect(template.worksheets.map((w) => w.name)).toEqual(['실적']);
    expect(template.worksheets[0]?.getRow(1).values).toEqual([
      undefined,
      '지표 코드',
      '지표명',
      '기간',
      '값',
      '비고',
      '증빙 링크',
      '원인 분석',
      '향후 대책',
    ]);

    await page.locator('input[type="file"]').setInputFiles({
      name: '관광-월별실적.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await monthlyWorkbook(october ?? 0, 285_000),
    });
    // The guide sheet comes first; the person picks the sheet with the figures.
    const sheetPicker = page.getByLabel('시트');
    await sheetPicker.waitFor();
    expect(await sheetPicker.locator('option').allTextContents()).toEqual([
      '안내 (내용이 있는 행 2개)',
      '실적 (내용이 있는 행 4개)',
    ]);
    await sheetPicker.selectOption('실적');
    const found = page.locator('.import-header-found');
    await expect.poll(() => found.getAttribute('data-header-row')).toBe('3');
    expect(await text(page, '.import-header-found')).toContain('합계 행 5은(는) 가져오지 않습니다');
    expect(await text(page, '.import-roles')).toBe(
      '값이 아닌 열: 연번 실적!A3, 단위 실적!C3, 합계 실적!G3, 비고 실적!H3.',
    );
    await page.getByLabel('지표가 들어 있는 열').selectOption('지표명');
    await page.getByLabel('지표 이름 (한국어 또는 영어)').check();
    expect(await page.getByLabel('기간이 열로 펼쳐져 있음').isChecked()).toBe(true);
    await page.getByRole('button', { name: '이 지정으로 미리 보기' }).click();

    // The name is not the indicator's: said in Korean, at the sheet's cell, with candidates.
    await page.locator('.import-problems').waitFor();
    expect(await text(page, '.import-detected')).toContain('xlsx');
    const said = await page.locator('.import-problems li').allTextContents();
    // Each problem once: the unknown name is the same problem for both of its month cells.
    expect(said.length).toBe(1);
    expect(said[0]).toMatch(/^실적!B4 \(4행 「지표명」 열\): "외국인 관광객"/);
    expect(said[0]).toContain('외국인 관광객 수');
    expect(said.join(' ')).not.toMatch(/is not an indicator/);
    expect(await page.getByRole('button', { name: '가져오기', exact: true }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTEFACTS, 'import-xlsx-problems-ko.png'), fullPage: true });

    await page.getByLabel('「외국인 관광객」은(는) 다음 중 어느 지표입니까?').selectOption('CUL-01');
    const november = page.locator('table.import-rows tr[data-code="CUL-01"][data-period="2024-11"]');
    await november.waitFor();
    expect(await november.getAttribute('data-position')).toBe('실적!E4');
    // The month header is a date cell: named as the sheet shows it, not as the date behind it.
    expect(await text(page, 'table.import-rows tr[data-period="2024-11"] td:nth-child(2)')).toBe(
      '2024년 11월',
    );
    expect(await november.getAttribute('data-outcome')).toBe('change');
    expect(await november.textContent()).toContain('외국인 관광객 수');
    expect(
      await page.locator('table.import-rows tr[data-period="2024-10"]').getAttribute('data-outcome'),
    ).toBe('same');
    // The formula's cached result agrees with the months: no warning; 미집계 is not reported, by name.
    expect(await page.locator('.import-warnings').count()).toBe(0);
    await page.locator('.import-not-reported summary').click();
    expect(await page.locator('.import-not-reported li').allTextContents()).toEqual([
      '실적!F4: 외국인 관광객 수 2024년 12월 (「미집계」)',
    ]);
    expect(await count(page, 'error')).toBe('0');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'import-xlsx-preview-ko.png'), fullPage: true });

    await page.getByRole('button', { name: '가져오기', exact: true }).click();
    await expect.poll(() => text(page, '.import-done')).toContain('1건을 승인 대기로 등록했습니다');
    const after = await pending();
    expect(after.length).toBe(pendingBefore + 1);
    expect(after.find((p) => p.code === 'CUL-01' && p.period === '2024-11')?.value).toBe(285_000);
    expect(stateOf(await tourism(), 'CUL-01', '2024-11')).toBe('pending');
    expect(problems.filter((line) => !refusedLine(line))).toEqual([]);
    await close();
    // Three previews, a template download and a commit through Chromium: on a loaded two-core
    // machine this takes longer than one screen's check (2.7 s alone).
  }, 60_000);

  it('a file larger than the preview lists says how many it shows of how many, in Korean', async () => {
    const { page, problems, close } = await signedIn('tourism.head');
    // 700 rows naming no indicator: every one a problem, 500 of them listed.
    const rows = Array.from({ length: 700 }, (_, i) => `NOPE-${i},2024-10,${i},`);
    await upload(page, 'large.csv', Buffer.from(['지표 코드,기간,값,비고', ...rows, ''].join('\n'), 'utf8'));
    await page.locator('.import-problems').waitFor();
    expect(await count(page, 'error')).toBe('700');
    expect(await text(page, '#import-problems-title')).toBe('문제 700건');
    const notes = await page
      .locator('.import-listed-only')
      .evaluateAll((items) =>
        items.map((p) => [p.getAttribute('data-shown'), p.getAttribute('data-total'), p.textContent]),
      );
    expect(notes).toEqual([
      ['500', '700', expect.stringContaining('전체 700개 중 500개만 보여 줍니다')],
      ['500', '700', expect.stringContaining('전체 700개 중 500개만 보여 줍니다')],
    ]);
    expect(await page.locator('.import-rows tbody tr').count()).toBe(500);
    expect(await page.locator('.import-problems li').count()).toBe(500);
    await page.locator('#import-problems-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTEFACTS, 'import-large-ko.png') });
    expect(problems.filter((line) => !refusedLine(line))).toEqual([]);
    await close();
  });

  it('a file with errors lists each line, column and reason, and nothing can be imported', async () => {
    const pendingBefore = await pending();
    const { page, problems, close } = await signedIn('tourism.head');
    const file = [
      '지표 코드,기간,값,비고',
      'CUL-01,2024-13,1000,',
      'CUL-01,2024-10,abc,',
      'ECO-01,2024-Q1,3,',
      'CUL-01,2024-09,250000,',
      '',
    ].join('\n');
    await upload(page, 'errors.csv', Buffer.from(`\uFEFF${file}`, 'utf8'));
    await page.locator('.import-problems').waitFor();
    expect(await text(page, '.import-detected')).toContain('UTF-8 (BOM)');
    const problemLines = await page
      .locator('.import-problems li')
      .evaluateAll((items) =>
        items.map((li) => [li.getAttribute('data-line'), li.getAttribute('data-column')]),
      );
    expect(problemLines).toEqual(
      expect.arrayContaining([
        ['2', '기간'],
        ['3', '값'],
        ['4', '지표 코드'],
      ]),
    );
    const items = await page.locator('.import-problems li').allTextContents();
    expect(items.some((item) => item.startsWith('B2 (2행 「기간」 열): '))).toBe(true);
    // The reason too is in Korean, said from its code (not the server's English sentence).
    expect(items).toContain('C3 (3행 「값」 열): "abc"은(는) 숫자가 아닙니다');
    // Another department's indicator: the department by its name, also for a bureau head.
    expect(items).toContain(
      'A4 (4행 「지표 코드」 열): ECO-01은(는) 금융창업정책관 소관입니다. 소속 부서의 지표만 입력할 수 있습니다',
    );
    expect(Number(await count(page, 'error'))).toBeGreaterThanOrEqual(3);
    expect(await page.locator('table.import-rows tr[data-line="2"]').getAttribute('data-outcome')).toBe(
      'error',
    );
    expect(await text(page, '.import-blocked')).toContain('오류가 없어야 가져올 수 있습니다');
    expect(await page.getByRole('button', { name: '가져오기', exact: true }).isDisabled()).toBe(true);
    expect(await pending()).toEqual(pendingBefore);
    expect(problems).toEqual([]);
    await close();
  });

  it('a file with headers only has nothing to import, said as such, never an error', async () => {
    const { page, problems, close } = await signedIn('tourism.head');
    await upload(page, 'empty.csv', Buffer.from('kpi_code,period,value\r\n', 'utf8'));
    await page.locator('.import-nothing').waitFor();
    expect(await text(page, '.import-nothing')).toContain('가져올 값이 없습니다');
    expect(await page.locator('.import-file-error').count()).toBe(0);
    expect(await count(page, 'error')).toBe('0');
    expect(await page.getByRole('button', { name: '가져오기', exact: true }).isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });

  it('a legacy .xls workbook is refused in Korean, naming the format and what to do', async () => {
    const { page, problems, close } = await signedIn('tourism.head');
    // An OLE2 compound file, as Excel 97-2003 saves: its signature, and its directory naming the
    // "Workbook" stream (UTF-16).
    const ole2 = Buffer.concat([
      Buffer.from('d0cf11e0a1b11ae1', 'hex'),
      Buffer.alloc(504),
      Buffer.from('Root Entry\0Workbook\0', 'utf16le'),
    ]);
    await upload(page, '관광-실적.xls', ole2);
    const error = page.locator('.import-file-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('예전 엑셀 형식(Excel 97-2003 .xls)은 읽을 수 없습니다');
    expect(await error.textContent()).toContain('CSV UTF-8 또는 xlsx로 저장하세요');
    expect(await page.locator('form.import-mapping').count()).toBe(0);
    expect(await page.getByRole('button', { name: '가져오기', exact: true }).count()).toBe(0);
    expect(problems.filter((line) => !refusedLine(line))).toEqual([]);
    await close();
  });

  it('a row that became another department’s after the preview: the import is refused in Korean, the department named', async () => {
    const before = await tourism();
    const november = approvedOf(before, 'CUL-01', '2024-11') ?? 0;
    const pendingBefore = await pending();
    const { page, problems, close } = await signedIn('tourism.head');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('실적');
    sheet.addRow(['지표 코드', '기간', '값']);
    sheet.addRow(['CUL-01', '2024-11', november + 1]);
    await page.locator('input[type="file"]').setInputFiles({
      name: '관광-11월.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    await page.locator('.import-ready').waitFor();
    // The format in words, not its code.
    expect(await text(page, '.import-detected')).toBe('형식 엑셀 통합 문서(xlsx) · 세로형(행마다 기간)');

    // Between the preview and the import, the indicator moves to another department.
    const moved = await harness.db
      .selectFrom('departments')
      .select('id')
      .where('code', '=', 'FIN')
      .executeTakeFirstOrThrow();
    const own = await harness.db
      .selectFrom('indicators')
      .select('department_id')
      .where('code', '=', 'CUL-01')
      .executeTakeFirstOrThrow();
    await harness.db
      .updateTable('indicators')
      .set({ department_id: moved.id })
      .where('code', '=', 'CUL-01')
      .execute();
    try {
      await page.getByRole('button', { name: '가져오기', exact: true }).click();
      const refused = page.locator('.import-page .form-error');
      await refused.waitFor();
      expect(await refused.textContent()).toBe(
        '1개 행에 문제가 있어 아무것도 저장하지 않았습니다. 미리 보기의 문제를 고친 뒤 다시 올리세요.',
      );
      expect(await page.locator('.import-problems li').allTextContents()).toEqual([
        '실적!A2 (2행 「지표 코드」 열): CUL-01은(는) 금융창업정책관 소관입니다. 소속 부서의 지표만 입력할 수 있습니다',
      ]);
    } finally {
      await harness.db
        .updateTable('indicators')
        .set({ department_id: own.department_id })
        .where('code', '=', 'CUL-01')
        .execute();
    }
    expect(await pending()).toEqual(pendingBefore);
    expect(problems.filter((line) => !refusedLine(line))).toEqual([]);
    await close();
  });

  it('the analyst, who reports nothing, is told the screen is not for them', async () => {
    const { page, problems, close } = await openPage(harness, '/import?year=2024', { user: 'analyst' });
    await page.locator('.import-only').waitFor();
    expect(await text(page, '.import-only h2')).toContain('부서장과 관리자 전용 화면입니다');
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });
});
