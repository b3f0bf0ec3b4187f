import { describe, expect, it } from 'vitest';
import { openingLanguage } from './choice';

describe('the language a screen opens in', () => {
  it('is the reader’s own choice when they made one, whatever the browser prefers', () => {
    expect(openingLanguage('en', ['ko-KR'])).toBe('en');
    expect(openingLanguage('ko', ['en-US', 'en'])).toBe('ko');
  });

  it('is the first of the browser’s languages Tangible speaks when the reader chose none', () => {
    expect(openingLanguage(null, ['en-US', 'ko'])).toBe('en');
    expect(openingLanguage(null, ['ja-JP', 'ko-KR', 'en'])).toBe('ko');
    expect(openingLanguage(undefined, ['fr', 'EN-gb'])).toBe('en');
  });

  it('is Korean when neither the reader nor the browser names Korean or English', () => {
    expect(openingLanguage(null, [])).toBe('ko');
    expect(openingLanguage(null, ['ja', 'zh-CN'])).toBe('ko');
    // A stored value that is not one of the languages is no choice.
    expect(openingLanguage('english', ['fr'])).toBe('ko');
  });
});
