/**
 * Recording a directive in Chromium, in Korean: a directive without its sector is refused in the
 * reader's words before anything is sent (the server's own refusal would name the field in code).
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openPage, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('recording a directive in Chromium', () => {
  it('asks for the sector in Korean before sending anything', async () => {
    const { page, problems, close } = await openPage(harness, '/directives?year=2024', { user: 'planner' });
    await page.getByText('지시사항 등록', { exact: true }).click();
    const form = page.locator('details form');
    await form.getByLabel('회의 일자').fill('2024-01-18');
    await form.getByLabel('회의명').fill('경제 분야 업무보고');
    await form.getByLabel('지시 내용').fill('금융기관 유치 전략 보완');
    await form.getByLabel('기한').fill('2024-06-30');
    await form.getByRole('button', { name: '등록', exact: true }).click();
    await expect
      .poll(async () => (await form.getByRole('alert').textContent()) ?? '')
      .toBe('지시사항이 속한 분야를 고르세요.');

    // With its sector it is recorded, and what the form says follows the reader's language.
    await form.getByLabel('분야').selectOption('ECO');
    await form.getByLabel('담당 부서 (여러 부서 선택 가능)').selectOption('FIN');
    await form.getByRole('button', { name: '등록', exact: true }).click();
    const said = form.getByRole('status');
    await expect
      .poll(async () => (await said.textContent()) ?? '')
      .toMatch(/^지시사항 #\d+을\(를\) 등록했습니다\.$/);
    const id = /#(\d+)/.exec((await said.textContent()) ?? '')?.[1];
    await page.getByRole('button', { name: /^English/ }).click();
    await expect.poll(async () => (await said.textContent()) ?? '').toBe(`Directive #${id} recorded.`);
    // Labels sit above their fields, the fields in columns (they ran on in one line).
    const label = await form.getByText('Meeting date', { exact: true }).boundingBox();
    const input = await form.getByLabel('Meeting date').boundingBox();
    expect(label && input && label.y + label.height <= input.y + 1).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });
});
