/**
 * Meeting mode in Chromium, in Korean: the planning office moves through the airport and transport
 * sector's slides with the keyboard to an off-track indicator, records a directive on it without
 * leaving the slide, and the airport's bureau head finds it in their inbox. The slide keeps to the
 * screen at 1280×720 and 1920×1080; readers who may not record directives see no button.
 */

import { join } from 'node:path';
import { callerAs } from '@tangible/api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, type Harness, openPage, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const counter = (page: Page) => page.locator('.meeting-counter').textContent();
const slideCode = (page: Page) => page.locator('.meeting-slide').getAttribute('data-slide');

/** How far the page reaches past the screen, across and down (0 and 0: nothing to scroll to). */
async function overflow(page: Page) {
  return page.evaluate(() => ({
    across: document.documentElement.scrollWidth - window.innerWidth,
    down: document.documentElement.scrollHeight - window.innerHeight,
  }));
}

describe('meeting mode', () => {
  it('moves by keyboard to an off-track indicator, records a directive there, and the department finds it in its inbox', async () => {
    // The airport office keeps two corrective actions on BAL-01, one of them past its due date.
    const airport = await callerAs(harness.db, 'airport.head');
    const late = await airport.actions.add({
      year: 2024,
      indicator: 'BAL-01',
      title: '부지 조성 공사 발주 일정 재조정',
      dueDate: '2024-10-31',
    });
    await airport.actions.add({
      year: 2024,
      indicator: 'BAL-01',
      title: '국토교통부 협의체 정례화',
      dueDate: '2999-03-31',
    });
    const { page, problems, close } = await openPage(harness, '/sectors/BAL/meeting?year=2024', {
      user: 'planner',
    });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator('.meeting-overview').waitFor();
    expect(await counter(page)).toBe('1 / 11');
    expect(await page.locator('.meeting-overview h1').textContent()).toBe('지속가능 균형발전 도시');

    // → and PageDown forward, ← back: BAL-01 (off track, owned by the airport office) on slide 2.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('PageDown');
    await expect.poll(() => slideCode(page)).toBe('BAL-02');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => slideCode(page)).toBe('BAL-01');
    expect(await counter(page)).toBe('2 / 11');
    expect(await page.locator('.meeting-figure .status').textContent()).toContain('부진');
    expect(page.url()).toContain('slide=2');
    expect(await page.locator('.meeting-actions li').count()).toBe(2);
    expect(await page.locator(`.meeting-actions li[data-action="${late.id}"]`).getAttribute('class')).toBe(
      'meeting-overdue',
    );
    await page.reload();
    await expect.poll(() => slideCode(page)).toBe('BAL-01');

    await page.getByRole('button', { name: '지시사항 기록' }).click();
    const form = page.locator('form.meeting-form');
    expect(await form.getByLabel('담당 부서').inputValue()).toBe('AIRPORT');
    // Typing (spaces, arrows) stays in the form: the slide does not move.
    const content = form.getByLabel('지시 내용');
    await content.fill('');
    await content.pressSequentially('부지 조성 공정 만회 대책을 다음 회의에 보고');
    await content.press('ArrowLeft');
    await content.press('PageDown');
    expect(await counter(page)).toBe('2 / 11');
    // The due date is required, said in Korean before anything is sent.
    await form.getByRole('button', { name: '기록', exact: true }).click();
    await expect
      .poll(async () => (await form.getByRole('alert').textContent()) ?? '')
      .toBe('기한을 정하세요.');
    // Within two years of the meeting (the form's meeting date is today).
    await form.getByLabel('기한').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    expect(await overflow(page)).toEqual({ across: 0, down: 0 });
    await page.screenshot({ path: join(ARTEFACTS, 'meeting-form-1280-ko.png') });
    await form.getByRole('button', { name: '기록', exact: true }).click();
    const done = page.locator('.meeting-recorded [role="status"]');
    await done.waitFor();
    const id = /#(\d+)/.exec((await done.textContent()) ?? '')?.[1];
    expect(id).toBeDefined();
    expect(await done.textContent()).toContain('할 일에 올라갑니다');
    expect(await slideCode(page)).toBe('BAL-01');
    expect(await page.locator('.meeting-recorded li').textContent()).toContain('부지 조성 공정 만회 대책');

    // Large type, nothing off the screen, at both screen sizes.
    expect(await overflow(page)).toEqual({ across: 0, down: 0 });
    const nameSize = await page
      .locator('#meeting-indicator-name')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(nameSize).toBeGreaterThanOrEqual(36);
    await page.screenshot({ path: join(ARTEFACTS, 'meeting-slide-1280-ko.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(await overflow(page)).toEqual({ across: 0, down: 0 });
    await page.screenshot({ path: join(ARTEFACTS, 'meeting-slide-1920-ko.png') });
    // Esc leaves for the briefing, the view kept.
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/sectors\/BAL\/briefing\?year=2024$/);
    expect(problems).toEqual([]);
    await close();

    const head = await openPage(harness, '/inbox?year=2024', { user: 'airport.head' });
    const item = head.page.locator('.inbox-items li', { hasText: `#${id}` });
    await item.waitFor();
    expect(await item.textContent()).toContain('부지 조성 공정 만회 대책을 다음 회의에 보고');
    expect(await head.page.locator('#inbox-follow_through').textContent()).toContain('지시사항');
    await head.page.screenshot({ path: join(ARTEFACTS, 'meeting-inbox-airport-ko.png'), fullPage: true });
    expect(head.problems).toEqual([]);
    await head.close();
    // Two readers' pages and five screenshots: about 20 s alone, more beside other tests.
  }, 90_000);

  it('opens from the briefing and shows a reader who may not record directives the slides without the button', async () => {
    const { page, problems, close } = await openPage(harness, '/sectors/BAL/briefing?year=2024', {
      user: 'analyst',
    });
    await page.getByRole('link', { name: '회의 모드' }).click();
    await page.waitForURL(/\/sectors\/BAL\/meeting\?year=2024$/);
    await page.locator('.meeting-overview').waitFor();
    await page.screenshot({ path: join(ARTEFACTS, 'meeting-overview-ko.png') });
    await page.keyboard.press(' ');
    await expect.poll(() => slideCode(page)).toBe('BAL-01');
    expect(await page.locator('#meeting-actions').textContent()).toBe('개선 조치 (진행 중)');
    expect(await page.getByRole('button', { name: '지시사항 기록' }).count()).toBe(0);
    await page.keyboard.press('End');
    await expect.poll(() => counter(page)).toBe('11 / 11');
    expect(problems).toEqual([]);
    await close();
  });
});
