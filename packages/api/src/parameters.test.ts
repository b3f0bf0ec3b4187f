import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { problemOfInput } from './parameters.js';
import { sentence } from './problem-sentences.js';
import { text } from './text.js';

/** The problem a value refused by a schema gives, and what it says in Korean and in English. */
function refused(schema: z.ZodType, value: unknown) {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('the value passed');
  const found = problemOfInput(parsed.error);
  return {
    ...found,
    ko: sentence('ko', found.code, found.params),
    en: sentence('en', found.code, found.params),
  };
}

const input = z.object({
  year: z.number().int().min(2000, 'year must be 2000 or later').max(2100),
  asOf: z.string().regex(/^\d{4}-\d{2}$/, 'asOf must be a month written YYYY-MM'),
  id: z.coerce.number().int().positive(),
  lang: z.enum(['ko', 'en']),
  code: z.string().min(1).max(32),
  codes: z.array(z.string()).min(1).max(3),
  step: z.number().multipleOf(5),
});
const good = { year: 2024, asOf: '2024-06', id: 1, lang: 'ko', code: 'CUL-01', codes: ['a'], step: 10 };
const wrong = (change: Record<string, unknown>) => refused(input, { ...good, ...change });

describe('a refused request value, said in the reader’s language', () => {
  it('says a bound by its figure, never in zod’s English', () => {
    expect(wrong({ year: 1999 })).toMatchObject({
      code: 'invalid_parameter',
      params: { field: 'year', reason: 'at_least', minimum: 2000 },
      ko: '요청 값 year은(는) 2000 이상이어야 합니다.',
      en: 'The request value year must be 2000 or more.',
    });
    expect(wrong({ year: 2101 }).ko).toBe('요청 값 year은(는) 2100 이하여야 합니다.');
    expect(wrong({ id: '0' })).toMatchObject({
      params: { field: 'id', reason: 'more_than', minimum: 0 },
      ko: '요청 값 id은(는) 0보다 커야 합니다.',
      en: 'The request value id must be more than 0.',
    });
    expect(wrong({ code: '' }).ko).toBe('요청 값 code은(는) 1자 이상이어야 합니다.');
    expect(wrong({ code: 'X'.repeat(33) }).en).toBe(
      'The request value code must have at most 32 characters.',
    );
    expect(wrong({ codes: [] }).ko).toBe('요청 값 codes에는 1개 이상이 있어야 합니다.');
    expect(wrong({ codes: ['a', 'b', 'c', 'd'] }).en).toBe(
      'The request value codes may hold at most 3 items.',
    );
    expect(wrong({ step: 7 }).ko).toBe('요청 값 step은(는) 5의 배수여야 합니다.');
  });

  it('says a wrong kind, format or choice, and keeps the field', () => {
    expect(wrong({ year: 'next' })).toMatchObject({
      params: { field: 'year', reason: 'type', expected: 'number' },
      ko: '요청 값 year이(가) 없거나 종류가 맞지 않습니다.',
      en: 'The request value year is missing or of the wrong kind.',
    });
    expect(wrong({ id: 'abc' }).params).toMatchObject({ field: 'id', reason: 'type' });
    expect(wrong({ asOf: 'June' })).toMatchObject({
      params: { field: 'asOf', reason: 'format', format: 'regex' },
      ko: '요청 값 asOf의 형식이 맞지 않습니다.',
    });
    expect(wrong({ lang: 'fr' })).toMatchObject({
      params: { field: 'lang', reason: 'choice', values: 'ko, en' },
      ko: '요청 값 lang은(는) ko, en 중 하나여야 합니다.',
      en: 'The request value lang must be one of ko, en.',
    });
    expect(refused(input.strict(), { ...good, extra: 1 })).toMatchObject({
      params: { field: 'input', reason: 'unknown_keys', keys: 'extra' },
      ko: '요청 값 input에 알 수 없는 항목이 있습니다: extra.',
    });
  });

  it('says a reason with no sentence of its own plainly, and a text field’s own problem as it is', () => {
    expect(refused(z.string().length(4), 'abc')).toMatchObject({
      params: { field: 'input', reason: 'invalid' },
      ko: '요청 값 input이(가) 올바르지 않습니다.',
      en: 'The request value input is not valid.',
    });
    expect(refused(z.union([z.number(), z.boolean()]), 'x').params.reason).toBe('invalid');
    expect(refused(z.object({ note: text('note') }), { note: 'x'.repeat(5000) }).code).not.toBe(
      'invalid_parameter',
    );
  });
});
