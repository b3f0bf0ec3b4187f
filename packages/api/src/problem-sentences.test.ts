import { describe, expect, it } from 'vitest';
import { problemSentences, sentenceFor } from './problem-sentences.js';
import { PROBLEM_CODES, problem } from './problems.js';

const placeholders = (sentence: string) => [...sentence.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('the sentences of the problem codes', () => {
  it('has a Korean and an English sentence for every code, so no code reaches a reader untranslated', () => {
    const missing = PROBLEM_CODES.flatMap((code) =>
      (['ko', 'en'] as const)
        .filter((language) => !problemSentences[language][code]?.trim())
        .map((language) => `${language}: ${code}`),
    );
    expect(PROBLEM_CODES.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('says the same parameters in both languages', () => {
    const differing = Object.keys(problemSentences.ko).filter((key) => {
      const ko = problemSentences.ko[key as keyof typeof problemSentences.ko];
      const en = problemSentences.en[key as keyof typeof problemSentences.en];
      return placeholders(ko).join() !== placeholders(en).join();
    });
    expect(differing).toEqual([]);
  });

  it('reads an empty value and a long wait in their own sentences', () => {
    expect(sentenceFor('not_a_number', problem('not_a_number', { value: '' }).params).key).toBe(
      'not_a_number_empty',
    );
    expect(sentenceFor('sign_in_throttled', { seconds: 600 })).toEqual({
      key: 'sign_in_throttled_minutes',
      params: { seconds: 600, minutes: 10 },
    });
    expect(sentenceFor('sign_in_throttled', { seconds: 90 }).key).toBe('sign_in_throttled');
  });
});
