/**
 * The plan editor in Chromium: the planning office starts a year's draft, builds it down to an
 * indicator with interim targets (its field problems said beside the field) and confirms it; a
 * bureau head proposes a target revision, the planning office approves it, and the indicator page
 * shows the original and the revised target side by side, in Korean and in English.
 */

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

/** A refused edit answers 400, which Chromium logs; every other console line is a problem. */
const unexpected = (problems: string[]) =>
  problems.filter((p) => !/Failed to load resource: the server responded with a status of 400/.test(p));

const form = (page: Page) => page.locator('form.plan-form');

async function fill(page: Page, fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields))
    await form(page).getByLabel(label, { exact: true }).fill(value);
}

async function save(page: Page) {
  await form(page).getByRole('button', { name: '저장' }).click();
  await form(page).waitFor({ state: 'detached' });
}

describe('the plan editor in Chromium', () => {
  it('the planning office drafts 2026, adds an indicator with interim targets and confirms the plan', async () => {
    const { page, problems, close } = await openPage(harness, '/plan', { user: 'planner', language: 'ko' });
    await page.getByRole('button', { name: '새 계획 초안' }).click();
    await fill(page, {
      연도: '2026',
      '이름 (한국어)': '2026년 시험 계획',
      '이름 (영어)': '2026 test plan',
      '핵심 목표 (한국어)': '다시 뛰는 부산',
      '핵심 목표 (영어)': 'Busan running again',
      출처: 'browser test',
    });
    await form(page).getByRole('button', { name: '저장' }).click();
    await page.waitForURL((url) => url.searchParams.get('plan') === '2026');
    await expect.poll(() => page.locator('.plan-badge').textContent()).toBe('초안');

    await page.getByRole('button', { name: '분야 추가' }).click();
    // Without its Korean name the sector is refused, and the name is marked where it is typed.
    await fill(page, {
      코드: 'T',
      '이름 (영어)': 'Test sector',
      '목표 (한국어)': '시험',
      '목표 (영어)': 'Test',
    });
    await form(page).getByRole('button', { name: '저장' }).click();
    const nameProblem = form(page).locator('.plan-field-invalid').first();
    await nameProblem.waitFor();
    expect(await nameProblem.getByLabel('이름 (한국어)').count()).toBe(1);
    expect(await nameProblem.locator('.plan-field-problem').textContent()).toBe(
      '값을 확인해 주세요. 비어 있거나 형식에 맞지 않습니다.',
    );
    await fill(page, {
      코드: 'T',
      '이름 (한국어)': '시험 분야',
      '이름 (영어)': 'Test sector',
      '목표 (한국어)': '시험',
      '목표 (영어)': 'Test',
    });
    await save(page);
    await page.getByRole('button', { name: '전략 추가 (T)' }).click();
    await fill(page, { 코드: 'T-1', '이름 (한국어)': '시험 전략', '이름 (영어)': 'Test strategy' });
    await save(page);
    await page.getByRole('button', { name: '사업 추가 (T-1)' }).click();
    await fill(page, { 코드: 'T-1-1', '이름 (한국어)': '시험 사업', '이름 (영어)': 'Test project' });
    await form(page).getByLabel('담당 부서').selectOption('TOURISM');
    await save(page);

    await page.getByRole('button', { name: '지표 추가 (T-1-1)' }).click();
    await fill(page, {
      코드: 'T-01',
      '이름 (한국어)': '시험 방문객',
      '이름 (영어)': 'Test visitors',
      단위: 'people',
      기준값: '1000',
      '기준 연도': '2024',
      '연간 목표': '1200',
      출처: 'browser test',
      '지표 정의 (한국어)': '시험용 방문객 수',
      '지표 정의 (영어)': 'Visitors, for the test',
    });
    await form(page).getByLabel('담당 부서').selectOption('TOURISM');
    await form(page).getByLabel('보고 주기').selectOption('quarterly');
    await form(page).getByRole('button', { name: '중간 목표 추가' }).click();
    await form(page).getByRole('button', { name: '중간 목표 추가' }).click();
    const interims = form(page).locator('.plan-interim');
    // The first period is of the wrong year: the server's problem is said beside that field.
    await interims.nth(0).getByLabel('기간 (예: 2025-06, 2025-Q2)').fill('2024-Q2');
    await interims.nth(0).getByLabel('누계 목표').fill('500');
    await interims.nth(1).getByLabel('기간 (예: 2025-06, 2025-Q2)').fill('2026-Q4');
    await interims.nth(1).getByLabel('누계 목표').fill('1200');
    await form(page).getByRole('button', { name: '저장' }).click();
    const problem = interims.nth(0).locator('.plan-field-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('2026');
    await page.screenshot({ path: join(ARTEFACTS, 'plan-indicator-field-problem-ko.png'), fullPage: true });
    await interims.nth(0).getByLabel('기간 (예: 2025-06, 2025-Q2)').fill('2026-Q2');
    await save(page);
    await page.locator('li[data-code="T-01"]').waitFor();

    await page.getByRole('button', { name: '계획 확정' }).click();
    await expect.poll(() => page.locator('.plan-badge').textContent()).toBe('확정');
    await page.screenshot({ path: join(ARTEFACTS, 'plan-confirmed-ko.png'), fullPage: true });

    const plan = await harness.db
      .selectFrom('plans')
      .select(['id', 'status'])
      .where('year', '=', 2026)
      .where('organisation_id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(plan.status).toBe('confirmed');
    const targets = await harness.db
      .selectFrom('targets')
      .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
      .select(['targets.period', 'targets.kind', 'targets.value'])
      .where('indicators.code', '=', 'T-01')
      .orderBy('targets.period')
      .execute();
    expect(targets).toEqual([
      { period: '2026', kind: 'annual', value: 1200 },
      { period: '2026-Q2', kind: 'interim', value: 500 },
      { period: '2026-Q4', kind: 'interim', value: 1200 },
    ]);
    expect(unexpected(problems)).toEqual([]);
    await close();

    // The same plan in English.
    const en = await openPage(harness, '/plan?plan=2026', { user: 'planner', language: 'en' });
    await en.page.locator('li[data-code="T-01"]').waitFor();
    expect(await en.page.locator('.plan-status .plan-badge').textContent()).toBe('Confirmed');
    await en.page.getByRole('button', { name: 'Edit T-01' }).click();
    expect(await form(en.page).getByLabel('Annual target').isDisabled()).toBe(true);
    await en.page.screenshot({ path: join(ARTEFACTS, 'plan-indicator-form-en.png'), fullPage: true });
    expect(en.problems).toEqual([]);
    await en.close();
  });

  it('a bureau head proposes a revision, the planning office approves it, and the indicator page shows both targets', async () => {
    const head = await openPage(harness, '/plan?plan=2024', { user: 'tourism.head', language: 'ko' });
    await head.page.getByRole('button', { name: '목표 변경 요청 CUL-01' }).click();
    await fill(head.page, { '변경 목표': '2500000', '요청 사유': '외국인 관광객 회복세 반영' });
    await form(head.page).getByRole('button', { name: '저장' }).click();
    await expect
      .poll(() => head.page.locator('.plan-message').textContent())
      .toContain('목표 변경을 요청했습니다');
    expect(head.problems).toEqual([]);
    await head.close();

    const office = await openPage(harness, '/plan?plan=2024', { user: 'planner', language: 'ko' });
    const item = office.page.locator('li[data-code="CUL-01"][data-revision]');
    await item.waitFor();
    expect(await item.textContent()).toContain('외국인 관광객 회복세 반영');
    await office.page.screenshot({ path: join(ARTEFACTS, 'plan-revision-pending-ko.png'), fullPage: true });
    await item.getByRole('button', { name: /^승인/ }).click();
    await expect.poll(() => office.page.locator('.plan-message').textContent()).toBe('승인했습니다.');
    expect(office.problems).toEqual([]);
    await office.close();

    for (const [language, original, revised] of [
      ['ko', '213만 명', '250만 명'],
      ['en', '2.13M people', '2.5M people'],
    ] as const) {
      const { page, problems, close } = await openPage(harness, '/indicators/CUL-01?year=2024&asOf=2024-12', {
        language,
      });
      const row = page.locator('.indicator-revisions tr[data-period="2024"]');
      await row.waitFor();
      expect(await row.locator('[data-target="original"]').textContent()).toContain(original);
      expect(await row.locator('[data-target="revised"]').textContent()).toContain(revised);
      expect(await row.textContent()).toContain('외국인 관광객 회복세 반영');
      await page.screenshot({
        path: join(ARTEFACTS, `indicator-revised-target-${language}.png`),
        fullPage: true,
      });
      expect(problems).toEqual([]);
      await close();
    }

    const briefing = await openPage(harness, '/sectors/CUL/briefing?year=2024&asOf=2024-12', {
      language: 'ko',
    });
    const revised = briefing.page.locator('.briefing-revisions li[data-code="CUL-01"]');
    await revised.waitFor();
    expect(await revised.textContent()).toMatch(
      /당초 213만 명 → 변경 250만 명 .*사유: 외국인 관광객 회복세 반영/,
    );
    await briefing.page.screenshot({
      path: join(ARTEFACTS, 'briefing-revised-target-ko.png'),
      fullPage: true,
    });
    expect(briefing.problems).toEqual([]);
    await briefing.close();
    // Five pages and two sign-ins: 47 s on a machine loaded with the whole suite beside it.
  }, 90_000);

  it('has no serious accessibility problems, with an indicator form open, in either language', async () => {
    for (const language of ['ko', 'en'] as const) {
      const { page, problems, close } = await openPage(harness, '/plan?plan=2024', {
        user: 'planner',
        language,
        bypassCSP: true,
      });
      await page.locator('li[data-code="CUL-01"]').waitFor();
      await page.getByRole('button', { name: language === 'ko' ? '수정 CUL-01' : 'Edit CUL-01' }).click();
      await form(page).waitFor();
      expect(await seriousViolations(page), `plan editor ${language}`).toEqual([]);
      expect(problems).toEqual([]);
      await close();
    }
  });

  it("a bureau head's change of their own indicator waits for the planning office, then takes effect", async () => {
    const head = await openPage(harness, '/plan?plan=2024', { user: 'tourism.head', language: 'ko' });
    await head.page.getByRole('button', { name: '수정 CUL-02' }).click();
    await fill(head.page, { 가중치: '4', '요청 사유': '국제회의 유치 비중 확대' });
    await form(head.page).getByRole('button', { name: '저장' }).click();
    await expect
      .poll(() => head.page.locator('.plan-message').textContent())
      .toContain('변경을 요청했습니다');
    // Bureau heads propose; they decide nothing.
    expect(await head.page.locator('.plan-decisions').count()).toBe(0);
    expect(head.problems).toEqual([]);
    await head.close();

    const weight = () =>
      harness.db
        .selectFrom('indicators')
        .select('weight')
        .where('code', '=', 'CUL-02')
        .executeTakeFirstOrThrow();
    expect((await weight()).weight).toBe(1);
    const office = await openPage(harness, '/plan?plan=2024', { user: 'planner', language: 'ko' });
    const change = office.page.locator('li[data-change]');
    await change.waitFor();
    expect(await change.textContent()).toContain('국제회의 유치 비중 확대');
    await change.getByRole('button', { name: /^승인/ }).click();
    await expect.poll(() => office.page.locator('.plan-message').textContent()).toBe('승인했습니다.');
    expect((await weight()).weight).toBe(4);
    expect(office.problems).toEqual([]);
    await office.close();
  });
});
