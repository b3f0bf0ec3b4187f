import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, type Harness, openPage, seriousViolations, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** A tRPC query through the harness's fetch, which carries the analyst's API token. */
async function query<T>(proc: string, input: unknown): Promise<T> {
  const response = await fetch(
    `${harness.base}/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  expect(response.status, proc).toBe(200);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

interface AuditEntry {
  action: string;
  actor: string;
  entityId: string;
  before: { value?: number; status?: string } | null;
  after: { value?: number; status?: string; period?: string } | null;
}

interface ReportingStatus {
  indicators: { code: string; periods: { period: string; state: string; dueDate: string }[] }[];
}

/**
 * Console problems other than the browser's own line for a request the server refused on purpose
 * (Chromium logs "Failed to load resource … 400" for every refused fetch; the test asserts the refusal).
 */
const unexpected = (problems: string[]) =>
  problems.filter((p) => !/Failed to load resource: the server responded with a status of 400/.test(p));

const exportUrl = () => `${harness.base}/api/export/indicators.csv?year=2024&asOf=2024-06`;

/** A tRPC mutation made by the page's own signed-in session, with its CSRF token, as the app makes it. */
async function mutateAsSession(page: Page, proc: string, input: unknown) {
  return page.evaluate(
    async ({ proc, input }) => {
      const me = await (await fetch('/trpc/auth.me')).json();
      const response = await fetch(`/trpc/${proc}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.result.data.csrfToken },
        body: JSON.stringify(input),
      });
      return { status: response.status, body: await response.text() };
    },
    { proc, input },
  );
}

describe('account screen in Chromium', () => {
  it('lets an analyst create an API token that works once shown, is never shown again, and dies when revoked', async () => {
    const { page, problems, close } = await openPage(harness, '/account?year=2024&asOf=2024-06', {
      user: 'analyst',
    });
    await page.locator('.account-profile').waitFor();
    expect(await page.locator('[data-field="username"]').textContent()).toBe('analyst');
    expect(await page.locator('[data-field="role"]').textContent()).toBe('분석 담당');
    expect(await page.locator('[data-field="department"]').textContent()).toBe('해당 없음');
    // Not an administrator: no user management.
    expect(await page.locator('#account-users').count()).toBe(0);

    await page.getByLabel('새 토큰 이름').fill('월간 보고 스크립트');
    await page.getByRole('button', { name: '토큰 발급' }).click();
    const shown = page.locator('.account-issued .account-token');
    await shown.waitFor();
    const token = ((await shown.textContent()) ?? '').trim();
    expect(token.length).toBeGreaterThan(20);
    expect(await page.locator('.account-issued').textContent()).toContain('다시 볼 수 없습니다');
    const example = (await page.locator('.account-issued .account-example').textContent()) ?? '';
    expect(example).toBe(
      `curl -H "Authorization: Bearer ${token}" "${harness.base}/api/export/indicators.csv?year=2024&asOf=2024-06"`,
    );
    expect(await page.getByRole('button', { name: '토큰 복사' }).count()).toBe(1);
    // The list shows the new token by its prefix only.
    const row = page.locator('.account-token-table tbody tr', { hasText: '월간 보고 스크립트' });
    await row.waitFor();
    const prefix = ((await row.locator('td .code').textContent()) ?? '').replace('…', '');
    expect(token.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBeLessThan(token.length);
    await page.screenshot({ path: join(ARTEFACTS, 'account-ko.png'), fullPage: true });

    // The shown token works from a script: CSV comes back.
    const works = await fetch(exportUrl(), { headers: { authorization: `Bearer ${token}` } });
    expect(works.status).toBe(200);
    expect(works.headers.get('content-type')).toContain('text/csv');
    const csv = await works.text();
    expect(csv).toContain('지표 코드');
    expect(csv).toContain('CUL-01');

    // After a reload the token is gone from the screen for good, while the list still has it.
    await page.reload();
    await row.waitFor();
    expect(await page.locator('.account-issued').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(token);
    // Using it from the script is recorded as its last use.
    expect(await row.locator('td').nth(2).textContent()).not.toBe('사용 기록 없음');

    // Revoking asks first, then the same request is refused.
    await row.getByRole('button', { name: '폐기' }).click();
    expect(await row.locator('.account-confirm').textContent()).toContain('월간 보고 스크립트');
    await row.getByRole('button', { name: '취소' }).click();
    expect(await row.getAttribute('data-revoked')).toBe('false');
    await row.getByRole('button', { name: '폐기' }).click();
    await row.getByRole('button', { name: '폐기 확인' }).click();
    await expect.poll(() => row.getAttribute('data-revoked')).toBe('true');
    expect(await row.textContent()).toContain('폐기됨');
    const refused = await fetch(exportUrl(), { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);

    // Both changes are in the audit trail.
    const audit = await query<AuditEntry[]>('audit.list', { year: 2024 });
    const actions = audit.filter((a) => a.actor === 'analyst').map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['token.create', 'token.revoke']));

    expect(problems).toEqual([]);
    // The API refuses user management to the analyst's session and to a token alike.
    const bySession = await page.evaluate(async () => (await fetch('/trpc/users.list')).status);
    expect(bySession).toBe(403);
    expect((await fetch(`${harness.base}/trpc/users.list`)).status).toBe(403);
    await close();
  });

  it('lets an admin add a bureau head who can then sign in, and shows the server refusing a short password', async () => {
    const { page, problems, close } = await openPage(harness, '/account?year=2024&asOf=2024-06', {
      user: 'admin',
      language: 'en',
    });
    const users = page.locator('.account-user-table tbody tr');
    await users.first().waitFor();
    expect(await users.count()).toBe(8);
    expect(await page.locator('tr[data-username="fin.head"] td[data-department]').textContent()).toBe(
      'Financial & Startup Policy Office',
    );
    expect(await page.locator('tr[data-username="mayor"] [data-demo-password]').count()).toBe(1);

    const form = page.locator('.account-create-user');
    await form.getByLabel('Username').fill('logis.head');
    await form.getByLabel('Display name').fill('물류정책과장 (Logistics Policy Director)');
    // The department select appears only for a bureau head.
    expect(await form.getByLabel('Department').count()).toBe(0);
    await form.getByLabel('Role').selectOption('bureau_head');
    await form.getByLabel('Department').selectOption('LOGIS');
    await form.getByLabel('Password', { exact: true }).fill('short');
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect
      .poll(() => form.locator('.form-error').textContent())
      .toBe('The password must have at least 10 characters.');
    expect(await page.locator('tr[data-username="logis.head"]').count()).toBe(0);

    await form.getByLabel('Password', { exact: true }).fill('logistics-2024-demo');
    await form.getByRole('button', { name: 'Add user' }).click();
    const created = page.locator('tr[data-username="logis.head"]');
    await created.waitFor();
    expect(await created.locator('td[data-role]').textContent()).toBe('Bureau head');
    expect(await created.locator('td[data-department]').getAttribute('data-department')).toBe('LOGIS');
    expect(await created.locator('[data-demo-password]').count()).toBe(0);
    expect(await form.locator('.form-error').count()).toBe(0);

    const audit = await query<AuditEntry[]>('audit.list', { year: 2024 });
    expect(audit.find((a) => a.action === 'user.create' && a.entityId === 'logis.head')?.actor).toBe('admin');

    // Chrome in English only.
    const chrome = await page
      .locator('h1, h2, h3, th[scope="col"], label, button:not(.language-switch)')
      .allTextContents();
    expect(chrome.filter((text) => /[가-힣]/.test(text))).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'account-admin-en.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);

    // The new bureau head signs in through the form and sees their own department.
    // Opened on the sign-in screen itself: arriving at /account first and being sent to sign in
    // leaves `auth.me` cached as "nobody", and SignInPage's invalidateQueries() does not refetch
    // that inactive query, so the app bounces back to the sign-in form (reported to the lead).
    const fresh = await openPage(harness, '/signin?next=%2Faccount', { user: null });
    await fresh.page.getByLabel('아이디').fill('logis.head');
    await fresh.page.getByLabel('비밀번호').fill('logistics-2024-demo');
    await fresh.page.getByRole('button', { name: '로그인' }).click();
    await fresh.page.locator('.account-profile').waitFor();
    expect(await fresh.page.locator('[data-field="username"]').textContent()).toBe('logis.head');
    await expect.poll(() => fresh.page.locator('[data-field="department"]').textContent()).toBe('물류정책과');
    expect(await fresh.page.locator('#account-users').count()).toBe(0);
    expect(fresh.problems).toEqual([]);
    await fresh.close();
    expect(unexpected(problems)).toEqual([]);
    await close();
  });

  it('lets an admin disable a user, and shows refusals in Korean', async () => {
    const { page, problems, close } = await openPage(harness, '/account', { user: 'admin' });
    const row = page.locator('tr[data-username="carbon.head"]');
    await row.waitFor();
    await row.getByRole('button', { name: '비밀번호 설정: carbon.head' }).click();
    const passwordForm = page.locator('.account-set-password');
    await passwordForm.getByLabel('새 비밀번호').fill('tooshort');
    await passwordForm.getByRole('button', { name: '저장' }).click();
    await expect
      .poll(() => passwordForm.locator('.form-error').textContent())
      .toBe('비밀번호는 10자 이상이어야 합니다.');
    await passwordForm.getByRole('button', { name: '취소' }).click();

    await row.getByRole('button', { name: '변경: carbon.head' }).click();
    const editForm = page.locator('.account-edit-user');
    await editForm.getByLabel('사용 중지').check();
    await editForm.getByRole('button', { name: '저장' }).click();
    await expect.poll(() => row.getAttribute('data-disabled')).toBe('true');
    // A disabled account cannot sign in.
    const response = await fetch(`${harness.base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'carbon.head', password: 'tangible-carbon-demo' }),
    });
    expect(response.status).not.toBe(200);
    expect(unexpected(problems)).toEqual([]);
    await close();
  });

  it('shows an indicator’s audit trail: empty at first, then the value a bureau head submitted', async () => {
    const path = '/indicators/CUL-01?year=2024&asOf=2024-06';
    const before = await query<AuditEntry[]>('audit.list', { year: 2024, indicator: 'CUL-01' });
    const empty = await openPage(harness, path);
    const section = empty.page.locator('[data-section="audit"]');
    await section.locator('h2').waitFor();
    expect(await section.locator('h2').textContent()).toBe('변경 이력');
    expect(await section.locator('a', { hasText: 'CSV로 내려받기' }).getAttribute('href')).toBe(
      '/api/export/audit.csv?year=2024&indicator=CUL-01',
    );
    if (before.length === 0) {
      await section.locator('.indicator-audit-empty').waitFor();
    } else {
      await expect.poll(() => section.locator('tbody tr').count()).toBe(before.length);
    }
    expect(empty.problems).toEqual([]);
    await empty.close();

    // tourism.head submits a value through the API with their own browser session.
    const head = await openPage(harness, '/', { user: 'tourism.head' });
    const submitted = await mutateAsSession(head.page, 'reports.submit', {
      year: 2024,
      code: 'CUL-01',
      period: '2024-03',
      value: 250000,
      note: 'e2e: corrected count',
    });
    expect(submitted.status, submitted.body).toBe(200);
    await head.close();

    const after = await query<AuditEntry[]>('audit.list', { year: 2024, indicator: 'CUL-01' });
    expect(after.length).toBe(before.length + 1);
    expect(after[0]?.action).toBe('measurement.submit');

    const { page, problems, close } = await openPage(harness, path);
    const rows = page.locator('[data-section="audit"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(after.length);
    const headers = await page.locator('[data-section="audit"] thead th').allTextContents();
    expect(headers).toEqual(['일시', '처리자', '내용', '기간', '변경 전 → 변경 후', '사유']);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells[1]).toBe('tourism.head');
    expect(cells[2]).toBe('실적 제출');
    expect(cells[3]).toBe('2024년 3월');
    expect(cells[4]).toContain('25만 명 (승인 대기)');
    if (after[0]?.before?.status === 'approved') expect(cells[4]).toContain('(승인됨) → ');
    // Busan time, in the one format every screen uses (approvals, tokens, audit).
    const busanHour = Number(
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Seoul' }).format(
        new Date(),
      ),
    );
    const shown = cells[0]?.match(/^\d{4}\. \d{1,2}\. \d{1,2}\. (오전|오후) (\d{1,2}):\d{2}$/);
    expect(shown).not.toBeNull();
    expect((Number(shown?.[2]) % 12) + (shown?.[1] === '오후' ? 12 : 0)).toBe(busanHour);
    await page.locator('[data-section="audit"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTEFACTS, 'indicator-audit-ko.png'), fullPage: true });
    await page
      .locator('[data-section="audit"]')
      .screenshot({ path: join(ARTEFACTS, 'indicator-audit-section-ko.png') });

    await page.getByRole('button', { name: /^English/ }).click();
    await expect.poll(() => rows.first().locator('td').nth(2).textContent()).toBe('Value submitted');
    expect(await rows.first().locator('td').nth(4).textContent()).toContain('(Pending approval)');
    expect(await page.locator('[data-section="audit"] a').textContent()).toBe('Download CSV');
    expect(problems).toEqual([]);
    await close();
  });

  it('lists a department’s pending and overdue periods as reports.status says', async () => {
    for (const code of ['TOURISM', 'CARBON']) {
      const status = await query<ReportingStatus>('reports.status', { year: 2024, department: code });
      const periods = (state: string) =>
        status.indicators.flatMap((i) =>
          i.periods.filter((p) => p.state === state).map((p) => ({ code: i.code, ...p })),
        );
      const { page, problems, close } = await openPage(
        harness,
        `/departments/${code}?year=2024&asOf=2024-06`,
      );
      const section = page.locator('.departments-reporting');
      await section.locator('.departments-reporting-counts').waitFor();
      for (const state of ['pending', 'returned', 'overdue']) {
        const expected = periods(state);
        expect(
          await section
            .locator(`.departments-reporting-counts li[data-kind="${state}"]`)
            .getAttribute('data-count'),
          `${code} ${state}`,
        ).toBe(String(expected.length));
        expect(
          await section.locator(`.departments-reporting-group[data-kind="${state}"] tbody tr`).count(),
        ).toBe(expected.length);
      }
      await section.screenshot({ path: join(ARTEFACTS, `department-reporting-${code}-ko.png`) });
      if (code === 'TOURISM') {
        // The value submitted in the test before is waiting for approval.
        const pending = section.locator(
          '.departments-reporting-group[data-kind="pending"] tr[data-code="CUL-01"]',
        );
        expect(await pending.getAttribute('data-period')).toBe('2024-03');
        const cells = await pending.locator('td').allTextContents();
        expect(cells[0]).toBe('2024년 3월');
        // Due seven working days after March (the plan's reporting calendar): 1–5 and 8–9 April.
        expect(cells[1]).toBe('2024년 4월 9일');
        expect(cells[2]).toBe('25만 명');
        expect(await section.locator('.departments-reporting-counts').textContent()).toContain(
          '승인 대기 1건',
        );
      }
      const overdue = periods('overdue')[0];
      if (overdue) {
        const row = section.locator(
          `.departments-reporting-group[data-kind="overdue"] tr[data-code="${overdue.code}"][data-period="${overdue.period}"]`,
        );
        expect(await row.count()).toBe(1);
      }
      expect(problems).toEqual([]);
      await close();
    }
  });

  it('has no serious or critical accessibility violations on /account (axe-core)', async () => {
    for (const language of ['ko', 'en'] as const) {
      const { page, close } = await openPage(harness, '/account', {
        language,
        user: 'admin',
        bypassCSP: true,
      });
      await page.locator('.account-user-table tbody tr').first().waitFor();
      await page.locator('#account-token-name').fill('axe');
      await page.locator('.account-token-form button[type="submit"]').click();
      await page.locator('.account-issued').waitFor();
      expect(await seriousViolations(page), language).toEqual([]);
      await close();
    }
  });
});
