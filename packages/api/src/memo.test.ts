/** The memo itself (memo.ts): one computation per question and version, bounded, nothing stale kept. */

import { describe, expect, it } from 'vitest';
import { AnswerMemo, canonicalInput, visibilityOf } from './memo.js';

const ok = () => true;

describe('AnswerMemo', () => {
  it('answers callers asking the same question at once with one computation', async () => {
    const memo = new AnswerMemo();
    let computations = 0;
    const compute = async () => {
      computations += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { figures: [1, 2, 3] };
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => memo.answer('7', 'q', compute, ok)));
    expect(computations).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await memo.answer('7', 'q', compute, ok);
    expect(computations).toBe(1);
  });

  it('computes again at a new version and forgets what was kept for the older one', async () => {
    const memo = new AnswerMemo();
    let n = 0;
    const compute = async () => ({ n: ++n });
    expect(await memo.answer('1', 'q', compute, ok)).toEqual({ n: 1 });
    expect(await memo.answer('2', 'q', compute, ok)).toEqual({ n: 2 });
    expect(memo.size).toBe(1);
    // A caller who read the older version before the write is answered, but nothing old is kept.
    expect(await memo.answer('1', 'q', compute, ok)).toEqual({ n: 3 });
    expect(memo.size).toBe(1);
  });

  it('keeps no refusal', async () => {
    const memo = new AnswerMemo();
    let n = 0;
    const refused = async () => ({ ok: false, n: ++n });
    await memo.answer('1', 'q', refused, (r) => r.ok);
    expect(await memo.answer('1', 'q', refused, (r) => r.ok)).toEqual({ ok: false, n: 2 });
  });

  it('keeps no more than its bound, letting the least recently used go first', async () => {
    const answer = { text: 'x'.repeat(1_000) };
    const memo = new AnswerMemo(10_000);
    const compute = async () => structuredClone(answer);
    for (const q of ['a', 'b', 'c']) await memo.answer('1', q, compute, ok);
    expect(memo.size).toBe(3);
    // `a` is used again, so `b` is the least recently used when `d` needs room.
    await memo.answer('1', 'a', compute, ok);
    await memo.answer('1', 'd', compute, ok);
    expect(memo.bytes).toBeLessThanOrEqual(10_000);
    const before = memo.computed;
    await memo.answer('1', 'a', compute, ok);
    await memo.answer('1', 'd', compute, ok);
    expect(memo.computed).toBe(before);
    await memo.answer('1', 'b', compute, ok);
    expect(memo.computed).toBe(before + 1);
  });

  it('hands out a kept answer that no caller can change for the next', async () => {
    const memo = new AnswerMemo();
    const kept = await memo.answer('1', 'q', async () => ({ items: [{ score: 1 }] }), ok);
    expect(() => {
      (kept.items as { score: number }[]).push({ score: 2 });
    }).toThrow(TypeError);
    expect(Object.isFrozen(kept.items[0])).toBe(true);
  });
});

describe('the question', () => {
  it('names an input the same whatever the order of its keys', () => {
    expect(canonicalInput({ year: 2024, asOf: '2024-06', filter: { b: 1, a: 2 } })).toBe(
      canonicalInput({ filter: { a: 2, b: 1 }, asOf: '2024-06', year: 2024 }),
    );
    expect(canonicalInput({ year: 2024 })).not.toBe(canonicalInput({ year: 2023 }));
  });

  it('tells apart the public view, roles, tokens and a bureau head’s department', () => {
    const user = (role: 'executive' | 'bureau_head', departmentId: number | null) => ({
      id: 1,
      username: 'u',
      displayName: 'U',
      role,
      organisationId: 1,
      organisationCode: 'busan',
      departmentId,
      departmentCode: null,
    });
    const seen = new Set([
      visibilityOf({ kind: 'public' }),
      visibilityOf({ kind: 'user', via: 'cli', user: user('executive', null) }),
      visibilityOf({ kind: 'user', via: 'token', tokenId: 1, user: user('executive', null) }),
      visibilityOf({ kind: 'user', via: 'cli', user: user('bureau_head', 1) }),
      visibilityOf({ kind: 'user', via: 'cli', user: user('bureau_head', 2) }),
    ]);
    expect(seen.size).toBe(5);
  });
});
