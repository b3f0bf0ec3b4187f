import { join } from 'node:path';
import { callerAs, demoPassword } from '@tangible/api';
import type { TFunction } from 'i18next';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../src/format/language';
import { formatValue } from '../src/format/numbers';
import { en } from '../src/i18n/en';
import { ko } from '../src/i18n/ko';
import type { RouterOutputs } from '../src/trpc';
import { ARTEFACTS, type Harness, openPage, seriousViolations, startHarness } from './harness';

type Status = RouterOutputs['reports']['status'];
type Detail = RouterOutputs['indicators']['detail'];

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

const statusOf = (department: string) => call<Status>('reports.status', { year: 2024, department });
const cul01 = () => call<Detail>('indicators.detail', { year: 2024, asOf: '2024-12', code: 'CUL-01' });
const countState = (status: Status, state: string) =>
  status.indicators.flatMap((i) => i.periods).filter((p) => p.state === state).length;

/** The app's own formatter with the common strings, so the test writes a server figure the way the screen does. */
function formatIn(language: 'ko' | 'en') {
  const messages = language === 'ko' ? ko : en;
  const t = ((key: string, options?: { defaultValue?: string }) => {
    const found = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
    return typeof found === 'string' ? found : (options?.defaultValue ?? key);
  }) as unknown as TFunction;
  return (value: number | null, unit: string) => formatValue(value, unit, language, t);
}
const value = formatIn('ko');

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();
const cell = (page: Page, code: string, period: string) =>
  page.locator(`tr[data-code="${code}"] td[data-period="${period}"]`);

/** Signs in through the sign-in form, the way a person does. */
async function signIn(page: Page, username: string, next: string) {
  if (new URL(page.url()).searchParams.get('next') !== next)
    await page.goto(`${harness.base}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('아이디').fill(username);
  await page.getByLabel('비밀번호').fill(demoPassword(username));
  await page.getByRole('button', { name: '로그인', exact: true }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

describe('reporting and approving actuals in Chromium', () => {
  it('a value reported by tourism.head stays pending, uncounted, until the planner approves it', async () => {
    const before = await cul01();
    const approvedDecember = (await statusOf('TOURISM')).indicators
      .find((i) => i.code === 'CUL-01')
      ?.periods.find((p) => p.period === '2024-12')?.approved?.value;
    expect(approvedDecember).toBe(249192);
    const pendingBefore = countState(await statusOf('TOURISM'), 'pending');

    const next = '/report?year=2024&asOf=2024-12';
    const { page, problems, close } = await openPage(harness, `/signin?next=${encodeURIComponent(next)}`, {
      user: null,
    });
    await signIn(page, 'tourism.head', next);
    await page.locator('table.report-grid').waitFor();
    expect(await text(page, '[data-summary="pending"] strong')).toBe(String(pendingBefore));
    // The department's own indicators, as the server lists them.
    const codes = (await statusOf('TOURISM')).indicators.map((i) => i.code);
    expect(
      await page
        .locator('table.report-grid tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code'))),
    ).toEqual(codes);

    await page.getByLabel('CUL-01 2024-12', { exact: true }).fill('300000');
    await page.getByLabel('CUL-01 2024-12 메모').fill('12월 확정치 반영');
    await page.getByLabel('CUL-01 2024-12 증빙 링크').fill('https://www.visitbusan.net/stats');
    await page.getByRole('button', { name: '1건 제출' }).click();
    await expect.poll(() => text(page, '.report-outcome-ok')).toContain('1건을 제출했습니다');
    const december = cell(page, 'CUL-01', '2024-12');
    await expect.poll(() => december.getAttribute('data-state')).toBe('pending');
    expect(await december.textContent()).toContain('승인 대기');
    expect(await december.textContent()).toContain(value(300000, 'people'));
    expect(await december.textContent()).toContain(`승인값 ${value(249192, 'people')}`);
    await expect.poll(() => text(page, '[data-summary="pending"] strong')).toBe(String(pendingBefore + 1));
    expect(countState(await statusOf('TOURISM'), 'pending')).toBe(pendingBefore + 1);

    // Pending values do not count: the indicator still shows the approved total.
    await page.goto(`${harness.base}/indicators/CUL-01?year=2024&asOf=2024-12`);
    const unchanged = await cul01();
    expect(unchanged.indicator.figures.actualToDate).toBe(before.indicator.figures.actualToDate);
    await expect
      .poll(() => text(page, '[data-figure="actual"] strong'))
      .toBe(value(before.indicator.figures.actualToDate, 'people'));

    // The planner approves it.
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.waitForURL((url) => url.pathname === '/signin');
    await page.getByLabel('아이디').waitFor();
    await signIn(page, 'planner', '/approvals?year=2024&asOf=2024-12');
    const item = page.locator('li.approvals-item[data-code="CUL-01"][data-period="2024-12"]');
    await item.waitFor();
    expect(await text(page, 'li.approvals-item[data-code="CUL-01"] [data-fact="value"] dd')).toBe(
      value(300000, 'people'),
    );
    expect(await text(page, 'li.approvals-item[data-code="CUL-01"] [data-fact="current"] dd')).toBe(
      value(249192, 'people'),
    );
    expect(await item.textContent()).toContain('12월 확정치 반영');
    expect(await item.getByRole('link', { name: '증빙 자료 열기' }).getAttribute('href')).toBe(
      'https://www.visitbusan.net/stats',
    );
    await item.getByRole('button', { name: 'CUL-01 2024년 12월 승인' }).click();
    await expect.poll(() => item.count()).toBe(0);
    await expect.poll(() => text(page, '.approvals-message')).toContain('승인했습니다');
    await expect.poll(() => text(page, '.approvals-empty')).toBe('승인 대기 중인 값이 없습니다.');

    // Now it counts: the indicator shows the new total, as the API computes it.
    const after = await cul01();
    expect(after.indicator.figures.actualToDate).toBe(
      (before.indicator.figures.actualToDate ?? 0) + (300000 - 249192),
    );
    await page.goto(`${harness.base}/indicators/CUL-01?year=2024&asOf=2024-12`);
    await expect
      .poll(() => text(page, '[data-figure="actual"] strong'))
      .toBe(value(after.indicator.figures.actualToDate, 'people'));
    expect(problems).toEqual([]);
    await close();
  });

  it('refuses a grid with a wrong value, shows the server message on each cell and saves nothing', async () => {
    const before = await statusOf('TOURISM');
    const pendingBefore = countState(before, 'pending');
    const { page, problems, close } = await openPage(harness, '/report?year=2024&asOf=2024-12', {
      user: 'tourism.head',
    });
    await page.locator('table.report-grid').waitFor();
    await page.getByLabel('CUL-01 2024-11', { exact: true }).fill('12.5');
    await page.getByLabel('CUL-02 2024-Q3', { exact: true }).fill('-3');
    await page.getByLabel('CUL-03 2024-Q1', { exact: true }).fill('33000');
    await page.getByRole('button', { name: '3건 제출' }).click();
    const alert = page.locator('.report-outcome-refused');
    await expect.poll(() => alert.textContent()).toContain('아무것도 저장되지 않았습니다');
    expect(await alert.textContent()).toContain('2건');
    expect(await text(page, 'td[data-period="2024-11"] .report-cell-error')).toContain(
      '12.5: 이 단위(명)는 정수여야 합니다',
    );
    expect(await text(page, 'td[data-period="2024-Q3"] .report-cell-error')).toContain(
      '-3: 음수일 수 없습니다 (건)',
    );
    // The valid entry of the same submission is not saved either, and carries no error.
    expect(await page.locator('tr[data-code="CUL-03"] .report-cell-error').count()).toBe(0);
    expect(await page.getByLabel('CUL-01 2024-11', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    const after = await statusOf('TOURISM');
    expect(countState(after, 'pending')).toBe(pendingBefore);
    expect(after.indicators.find((i) => i.code === 'CUL-03')?.periods[0]?.pending).toBeNull();
    expect(await text(page, '[data-summary="pending"] strong')).toBe(String(pendingBefore));
    // The browser's own note of the refused request (400) is the only console line.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    expect(problems.length).toBe(1);
    await close();
  });

  it('a value returned with a reason shows as returned, with the reason, to tourism.head', async () => {
    const head = await openPage(harness, '/report?year=2024&asOf=2024-12', { user: 'tourism.head' });
    await head.page.locator('table.report-grid').waitFor();
    // Values that keep their indicators on track: the grid takes no commentary, which a slipping value needs.
    await head.page.getByLabel('CUL-03 2024-Q2', { exact: true }).fill('161500');
    await head.page.getByLabel('CUL-02 2024-Q4', { exact: true }).fill('139');
    await head.page.getByRole('button', { name: '2건 제출' }).click();
    await expect.poll(() => text(head.page, '.report-outcome-ok')).toContain('2건을 제출했습니다');

    const planner = await openPage(harness, '/approvals?year=2024', { user: 'planner' });
    const item = planner.page.locator('li.approvals-item[data-code="CUL-03"][data-period="2024-Q2"]');
    await item.waitFor();
    await item.getByRole('button', { name: 'CUL-03 2024년 2분기 반려' }).click();
    await item.getByLabel('반려 사유 (필수)').fill('분기 합계가 항만 통계와 맞지 않습니다');
    await item.getByRole('button', { name: '반려하기' }).click();
    await expect.poll(() => item.count()).toBe(0);
    await expect.poll(() => text(planner.page, '.approvals-message')).toContain('반려했습니다');
    // The other value is still waiting.
    expect(await planner.page.locator('li.approvals-item').count()).toBe(1);
    expect(planner.problems).toEqual([]);
    await planner.close();

    const status = await statusOf('TOURISM');
    const q2 = status.indicators
      .find((i) => i.code === 'CUL-03')
      ?.periods.find((p) => p.period === '2024-Q2');
    expect(q2?.returned?.reason).toBe('분기 합계가 항만 통계와 맞지 않습니다');
    await head.page.reload();
    const returned = cell(head.page, 'CUL-03', '2024-Q2');
    await returned.waitFor();
    expect(await returned.textContent()).toContain('반려');
    expect(await returned.textContent()).toContain('사유: 분기 합계가 항만 통계와 맞지 않습니다');
    expect(await returned.textContent()).toContain(value(161500, 'people'));
    expect(Number(await text(head.page, '[data-summary="returned"] strong'))).toBeGreaterThanOrEqual(1);
    expect(head.problems).toEqual([]);
    await head.close();
  });

  it('shows fin.head only the FIN indicators', async () => {
    const { page, problems, close } = await openPage(harness, '/report?year=2024&asOf=2024-12', {
      user: 'fin.head',
    });
    await page.locator('table.report-grid').waitFor();
    const rows = await page
      .locator('table.report-grid tbody tr')
      .evaluateAll((found) => found.map((r) => r.getAttribute('data-code')));
    const fin = await statusOf('FIN');
    expect(rows).toEqual(fin.indicators.map((i) => i.code));
    expect(rows.some((code) => code?.startsWith('CUL-'))).toBe(false);
    expect(await page.getByLabel('CUL-01 2024-12', { exact: true }).count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('records a milestone forecast date with a reason for airport.head', async () => {
    const { page, problems, close } = await openPage(harness, '/report?year=2024&asOf=2024-12', {
      user: 'airport.head',
    });
    const row = page.locator('tr[data-milestone="BAL-M13"]');
    await row.waitFor();
    await row.getByRole('button', { name: 'BAL-M13 일정 기록' }).click();
    const form = page.getByRole('form', { name: 'BAL-M13 일정 기록' });
    await form.getByLabel('예상일').fill('2025-06-30');
    await form.getByLabel('변경 사유 (필수)').fill('부지조성공사 착공 지연에 따른 일정 조정');
    await form.getByRole('button', { name: '저장' }).click();
    await expect.poll(() => form.count()).toBe(0);
    const milestones = await call<RouterOutputs['milestones']['list']>('milestones.list', {
      year: 2024,
      asOf: '2024-12',
      department: 'AIRPORT',
      limit: 100,
    });
    expect(milestones.items.find((m) => m.code === 'BAL-M13')?.forecast).toBe('2025-06-30');
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe(formatDate('2025-06-30', 'ko'));
    expect(problems).toEqual([]);
    await close();
  });

  it('tells the analyst they cannot report and that approvals are for approvers only', async () => {
    const { page, problems, close } = await openPage(harness, '/report?year=2024', { user: 'analyst' });
    await expect.poll(() => text(page, '.report-cannot h2')).toContain('실적을 입력할 수 없습니다');
    expect(await page.locator('table.report-grid').count()).toBe(0);
    await page.goto(`${harness.base}/approvals?year=2024`);
    await expect.poll(() => text(page, '.approvals-only h2')).toContain('승인 담당자 전용 화면입니다');
    expect(await page.locator('.approvals-item').count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('switches the data-entry screen to English with no Korean left in its chrome', async () => {
    const { page, problems, close } = await openPage(harness, '/report?year=2024&asOf=2024-12', {
      user: 'tourism.head',
    });
    await page.locator('table.report-grid').waitFor();
    await page.getByRole('button', { name: /^English/ }).click();
    await expect.poll(() => text(page, 'h1')).toBe('Report actuals');
    expect(await text(page, 'tr[data-code="CUL-01"] th')).toContain('Foreign visitors');
    const chrome = await page
      .locator(
        'main h1, main h2, main h3, main thead th, .report-state, .report-summary dt, main button, main label span',
      )
      .allTextContents();
    expect(chrome.filter((t) => /[가-힣]/.test(t))).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'report-en.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it('has no serious or critical accessibility violations on either screen (axe-core), ko and en', async () => {
    for (const language of ['ko', 'en'] as const) {
      const report = await openPage(harness, '/report?year=2024&asOf=2024-12', {
        language,
        bypassCSP: true,
        user: 'tourism.head',
      });
      await report.page.locator('table.report-grid').waitFor();
      await report.page.locator('table.report-milestones, .report-milestones-none').first().waitFor();
      expect(await seriousViolations(report.page), `report ${language}`).toEqual([]);
      if (language === 'ko')
        await report.page.screenshot({ path: join(ARTEFACTS, 'report-ko.png'), fullPage: true });
      await report.close();

      const approvals = await openPage(harness, '/approvals?year=2024&asOf=2024-12', {
        language,
        bypassCSP: true,
        user: 'planner',
      });
      const item = approvals.page.locator('li.approvals-item').first();
      await item.waitFor();
      await item.getByRole('button', { name: language === 'ko' ? /반려$/ : /^Return/ }).click();
      await item.locator('textarea').waitFor();
      expect(await seriousViolations(approvals.page), `approvals ${language}`).toEqual([]);
      if (language === 'ko')
        await approvals.page.screenshot({ path: join(ARTEFACTS, 'approvals-ko.png'), fullPage: true });
      await approvals.close();
    }
  });
  it('tells the planner that values wait in another plan year, and links to its queue', async () => {
    // A value of 2025's plan, reported while the screens read 2024 (the latest with a value).
    const tourism = await callerAs(harness.db, 'tourism.head');
    await tourism.reports.submit({ year: 2025, code: 'CUL-01', period: '2025-01', value: 900_000 });
    for (const language of ['ko', 'en'] as const) {
      const { page, problems, close } = await openPage(harness, '/approvals?year=2024&asOf=2024-12', {
        language,
        user: 'planner',
      });
      const note = page.locator('.approvals-other-years');
      await note.waitFor();
      expect(await note.textContent()).toBe(
        language === 'ko'
          ? '다른 연도 계획에도 승인을 기다리는 값이 있습니다: 2025년 1건'
          : 'Values also wait in other plan years: 2025 (1 value)',
      );
      if (language === 'ko') {
        await page.screenshot({ path: join(ARTEFACTS, 'approvals-other-years-ko.png'), fullPage: true });
        await note.getByRole('link').click();
        await page.waitForURL((url) => url.searchParams.get('year') === '2025');
        expect(new URL(page.url()).searchParams.has('asOf')).toBe(false);
        await page.locator('li.approvals-item[data-code="CUL-01"][data-period="2025-01"]').waitFor();
        // From 2025, the 2024 values waiting are named in turn.
        await expect.poll(() => text(page, '.approvals-other-years')).toContain('2024년');
      }
      expect(problems).toEqual([]);
      await close();
    }
  });
});
