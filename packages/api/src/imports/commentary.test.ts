/**
 * A file's values and the commentary rule: CUL-03's 2024-Q1 at 32,810 cruise visitors leaves it
 * slipping. A file without 원인 분석 and 향후 대책 (analysis, next_steps) is not bounced for that: the
 * value is written pending and owes its commentary (a warning at the value's cell, counted by the
 * commit); approval refuses it until its bureau head writes the commentary with the same value
 * (reports.submit, or a file that carries it); half a pair in a file is refused at its empty cell.
 */

import { type Db, findIndicators, findPendingOf, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentence } from '../problem-sentences.js';
import { callerAs, principalFor, refusal, signIn } from '../testing.js';
import { commitImport, ImportRejected, previewImport } from './preview.js';

const now = new Date('2025-02-01T00:00:00Z');
const plan = { id: 0, year: 2024 };
let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  plan.id = (await db.selectFrom('plans').select('id').where('year', '=', 2024).executeTakeFirstOrThrow()).id;
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

const csv = (text: string) => new TextEncoder().encode(text);

async function tourismHead() {
  const { token } = await signIn(db, 'tourism.head');
  return principalFor(db, token, now);
}

async function pendingCul03() {
  const id = (await findIndicators(db, plan.id)).find((i) => i.code === 'CUL-03')?.id ?? 0;
  return findPendingOf(db, id, '2024-Q1');
}

const WITHOUT_COMMENTARY =
  'kpi_code,kpi_name,period,value,note,evidence_url\nCUL-03,크루즈 관광객,2024-Q1,32810,,\n';
const WITH_COMMENTARY =
  '지표 코드,지표명,기간,값,비고,증빙 링크,원인 분석,향후 대책\nCUL-03,크루즈 관광객,2024-Q1,32810,,,항만 공사로 기항 감소,4월 기항 재개 협의\n';

async function owedInInbox(username: string) {
  const inbox = await (await callerAs(db, username, now)).inbox.mine({ year: 2024 });
  return (inbox.sections.find((s) => s.section === 'commentary_owed')?.items ?? []).map((item) => [
    item.code,
    item.period,
  ]);
}

async function importFile(text: string) {
  return commitImport(db, plan, await tourismHead(), csv(text), { kind: 'template' }, now, 'x.csv');
}

describe('importing a value that needs commentary', () => {
  it('names a half-filled pair at its blank cell, and writes nothing', async () => {
    const file = csv(
      'kpi_code,kpi_name,period,value,note,evidence_url,analysis,next_steps\nCUL-03,크루즈 관광객,2024-Q1,32810,,,Port works,\n',
    );
    const preview = await previewImport(db, plan, await tourismHead(), file, { kind: 'template' }, now);
    expect(preview.problems.map((p) => [p.line, p.column, p.position, p.code])).toEqual([
      [2, 'next_steps', 'H2', 'next_steps_required'],
    ]);
    expect(preview.commentaryOwed).toEqual([]);
    const refused = await commitImport(
      db,
      plan,
      await tourismHead(),
      file,
      { kind: 'template' },
      now,
      'x.csv',
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRejected);
    expect(await pendingCul03()).toBeUndefined();
  });

  it('accepts it without commentary columns, as a value owing its commentary at its cell', async () => {
    const preview = await previewImport(
      db,
      plan,
      await tourismHead(),
      csv(WITHOUT_COMMENTARY),
      { kind: 'template' },
      now,
    );
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.code, r.outcome])).toEqual([['CUL-03', 'change']]);
    expect(preview.commentaryOwed.map((w) => [w.line, w.column, w.position, w.code])).toEqual([
      [2, 'value', 'D2', 'commentary_owed'],
    ]);
    expect(preview.totals.commentaryOwed).toBe(1);
    expect(preview.canCommit).toBe(true);
    const [owed] = preview.commentaryOwed;
    for (const language of ['ko', 'en'] as const) {
      const said = sentence(language, owed?.code ?? '', owed?.params ?? {});
      expect(said).toContain('CUL-03');
      expect(said).not.toMatch(/{{/);
    }
    const committed = await importFile(WITHOUT_COMMENTARY);
    expect([committed.written, committed.commentaryOwed]).toEqual([1, 1]);
    const pending = await pendingCul03();
    expect([pending?.value, pending?.analysis, pending?.next_steps]).toEqual([32810, null, null]);
  });

  it('is listed as owing commentary, and approval refuses it by name', async () => {
    const pending = await pendingCul03();
    const planner = await callerAs(db, 'planner', now);
    const listed = await planner.approvals.pending({ year: 2024, department: 'TOURISM', limit: 100 });
    const item = listed.items.find((i) => i.id === pending?.id);
    expect(item?.commentaryOwed).toBe(true);
    const refused = await refusal(planner.approvals.approve({ id: pending?.id ?? 0 }));
    expect(refused.code).toBe('CONFLICT');
    expect((refused.cause as { problem?: unknown }).problem).toMatchObject({
      code: 'approval_commentary_owed',
      params: { id: pending?.id, code: 'CUL-03', period: '2024-Q1' },
    });
    // Nothing moved: the value is still the one waiting.
    expect((await pendingCul03())?.id).toBe(pending?.id);
    // Its department's head finds it in the inbox; no other department's does.
    expect(await owedInInbox('tourism.head')).toEqual([['CUL-03', '2024-Q1']]);
    expect(await owedInInbox('fin.head')).toEqual([]);
  });

  it('takes the commentary when its bureau head sends the same value with it, audited; then approves', async () => {
    const before = await pendingCul03();
    const tourism = await callerAs(db, 'tourism.head', now);
    await tourism.reports.submit({
      year: 2024,
      code: 'CUL-03',
      period: '2024-Q1',
      value: 32810,
      analysis: '항만 공사로 기항 감소',
      nextSteps: '4월 기항 재개 협의',
    });
    const after = await pendingCul03();
    expect(after?.id).not.toBe(before?.id);
    expect([after?.value, after?.analysis, after?.next_steps]).toEqual([
      32810,
      '항만 공사로 기항 감소',
      '4월 기항 재개 협의',
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity_type', '=', 'measurement')
      .where('entity_id', '=', String(after?.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['measurement.submit']);
    expect(JSON.parse(audit[0]?.before_json ?? 'null')).toMatchObject({ status: 'pending', value: 32810 });
    expect(JSON.parse(audit[0]?.after_json ?? 'null')).toMatchObject({
      value: 32810,
      analysis: '항만 공사로 기항 감소',
      nextSteps: '4월 기항 재개 협의',
    });
    const planner = await callerAs(db, 'planner', now);
    const listed = await planner.approvals.pending({ year: 2024, department: 'TOURISM', limit: 100 });
    expect(listed.items.find((i) => i.id === after?.id)?.commentaryOwed).toBe(false);
    expect(await owedInInbox('tourism.head')).toEqual([]);
    await expect(planner.approvals.approve({ id: after?.id ?? 0 })).resolves.toEqual({ approved: after?.id });
  });

  it('counts a file bringing commentary to the same value as a change', async () => {
    // A value approved with its commentary; the same value again, owing it, then its commentary by file.
    const owing = await previewImport(
      db,
      plan,
      await tourismHead(),
      csv(WITHOUT_COMMENTARY.replace('32810', '32811')),
      { kind: 'template' },
      now,
    );
    expect(owing.commentaryOwed.map((w) => w.code)).toEqual(['commentary_owed']);
    await importFile(WITHOUT_COMMENTARY.replace('32810', '32811'));
    const withIt = WITH_COMMENTARY.replace('32810', '32811');
    const preview = await previewImport(
      db,
      plan,
      await tourismHead(),
      csv(withIt),
      { kind: 'template' },
      now,
    );
    expect(preview.rows.map((r) => [r.code, r.outcome])).toEqual([['CUL-03', 'change']]);
    expect(preview.commentaryOwed).toEqual([]);
    const committed = await importFile(withIt);
    expect([committed.written, committed.commentaryOwed]).toEqual([1, 0]);
    expect((await pendingCul03())?.analysis).toBe('항만 공사로 기항 감소');
    // Sent again as it is: nothing changes.
    const again = await previewImport(db, plan, await tourismHead(), csv(withIt), { kind: 'template' }, now);
    expect(again.rows.map((r) => r.outcome)).toEqual(['same']);
  });
});
