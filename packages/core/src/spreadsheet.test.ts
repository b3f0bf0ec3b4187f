import { describe, expect, it } from 'vitest';
import { neutralizeCell, startsFormula } from './spreadsheet.js';

describe('neutralizeCell', () => {
  it.each([
    ['a formula', '=1+1', "'=1+1"],
    ['a plus sign', '+82-51-888-1234', "'+82-51-888-1234"],
    ['a minus sign in text', '-HYPERLINK("http://x")', '\'-HYPERLINK("http://x")'],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a leading tab before plain text (OWASP)', '\tplain', "'\tplain"],
    ['a leading carriage return', '\r=1', "'\r=1"],
    ['a formula after a line feed', '\n=1+1', "'\n=1+1"],
    ['a formula after CRLF', '\r\n@SUM(A1)', "'\r\n@SUM(A1)"],
    ['a formula after spaces', '   =1+1', "'   =1+1"],
    ['a formula after a no-break space', '\u00A0+1', "'\u00A0+1"],
    ['a formula after an ideographic space', '\u3000=1', "'\u3000=1"],
    ['a formula after a zero-width space', '\u200B=1+1', "'\u200B=1+1"],
    ['a formula after a right-to-left mark', '\u200F-1+1', "'\u200F-1+1"],
    ['a formula after a right-to-left override', '\u202E=1+1', "'\u202E=1+1"],
    ['a formula after a left-to-right embedding', '\u202A@A1', "'\u202A@A1"],
    ['a formula after a first-strong isolate', '\u2068=1', "'\u2068=1"],
    ['a formula after a byte-order mark', '\uFEFF=1', "'\uFEFF=1"],
    ['a formula after a word joiner', '\u2060=1', "'\u2060=1"],
    ['a formula after a Hangul filler', '\u3164=1', "'\u3164=1"],
    ['a formula after a vertical tab and form feed', '\v\f=1', "'\v\f=1"],
    ['a formula after a NUL, which becomes U+FFFD', '\0=1', "'\uFFFD=1"],
    ['a full-width equals sign', '＝1+1', "'＝1+1"],
    ['a full-width plus sign', '＋1', "'＋1"],
    ['a full-width minus sign', '－1', "'－1"],
    ['a full-width at sign', '＠SUM(A1)', "'＠SUM(A1)"],
    ['a small equals sign', '﹦1', "'﹦1"],
    ['a minus sign (U+2212)', '−1', "'−1"],
    ['a NUL inside text', 'a\0b', 'a\uFFFDb'],
    ['plain Korean text', '외국인 관광객 수', '외국인 관광객 수'],
    ['a line break before plain text', 'first line\n=second', 'first line\n=second'],
    ['an equals sign later on', 'a=b', 'a=b'],
    ['a right-to-left override before plain text', '\u202Eabc', '\u202Eabc'],
    ['an apostrophe already', "'=1", "'=1"],
    ['an empty string', '', ''],
    ['only spaces', '   ', '   '],
  ])('%s', (_name, input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });

  it('leaves numbers and missing values alone', () => {
    expect(neutralizeCell(-5)).toBe(-5);
    expect(neutralizeCell(0.25)).toBe(0.25);
    expect(neutralizeCell(null)).toBeNull();
  });
});

describe('startsFormula', () => {
  it.each([
    ['=1', true],
    [' \u202E\u200B=1', true],
    ['\r\nx', true],
    ['x\r\n=1', false],
    ["'=1", false],
    ['2024-01', false],
  ])('%j → %s', (input, expected) => {
    expect(startsFormula(input)).toBe(expected);
  });
});

describe('startsFormula decides by its first character as the full rule does', () => {
  // The rule as written before the first-character shortcut: the reference.
  const hidden = /^[\s\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0]*/u;
  const formula = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212]/u;
  const reference = (text: string) => /^[\t\r]/.test(text) || formula.test(text.replace(hidden, ''));

  it('for every first character of the Basic Multilingual Plane, followed by nothing, a formula or text', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      for (const rest of ['', '=1', 'x', ' @a']) {
        const text = String.fromCharCode(code) + rest;
        if (startsFormula(text) !== reference(text)) differ.push(`U+${code.toString(16)}${rest}`);
      }
    }
    expect(differ).toEqual([]);
  });
});
