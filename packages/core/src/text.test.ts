import { describe, expect, it } from 'vitest';
import { characterName, type TextField, textProblem } from './text.js';

describe('textProblem', () => {
  it.each([
    ['a Korean name is fine', 'name', '김관광', null],
    ['a name of exactly 100 characters is fine', 'name', '가'.repeat(100), null],
    ['a name of 101 characters is too long', 'name', '가'.repeat(101), 'text_too_long'],
    ['an emoji counts as one character', 'name', `${'가'.repeat(99)}😀`, null],
    ['a NUL in a name is refused', 'name', 'Kim\u0000', 'text_forbidden_character'],
    ['a line break in a name is refused', 'name', 'Kim\nLee', 'text_forbidden_character'],
    ['a tab in a name is refused', 'name', 'Kim\tLee', 'text_forbidden_character'],
    ['a note may span lines', 'note', '1분기 실적\r\n잠정치\t(확정 전)', null],
    ['a NUL in a note is refused', 'note', 'ok\u0000', 'text_forbidden_character'],
    ['an escape character in a note is refused', 'note', '\u001b[31mred', 'text_forbidden_character'],
    ['DEL is refused', 'note', 'a\u007fb', 'text_forbidden_character'],
    ['a C1 control is refused', 'note', 'a\u0085b', 'text_forbidden_character'],
    ['a right-to-left override is refused', 'note', 'invoice\u202etxt.exe', 'text_forbidden_character'],
    ['a left-to-right embedding is refused', 'name', '\u202aKim', 'text_forbidden_character'],
    ['a first-strong isolate is refused', 'reason', 'x\u2068y', 'text_forbidden_character'],
    ['a pop-directional isolate is refused', 'reason', 'x\u2069', 'text_forbidden_character'],
    ['a right-to-left mark (not an override) is fine', 'note', 'شكرا\u200f', null],
    ['half a surrogate pair is refused', 'note', 'a\ud800b', 'text_forbidden_character'],
    ['a note of 1000 characters is fine', 'note', 'x'.repeat(1000), null],
    ['a note of 1001 characters is too long', 'note', 'x'.repeat(1001), 'text_too_long'],
    ['a reason of 1001 characters is too long', 'reason', 'x'.repeat(1001), 'text_too_long'],
    ['an evidence address of 2000 characters is fine', 'evidenceUrl', `https://${'a'.repeat(1992)}`, null],
    [
      'an evidence address of 2001 characters is too long',
      'evidenceUrl',
      `https://${'a'.repeat(1993)}`,
      'text_too_long',
    ],
    ['a file name of 201 characters is too long', 'fileName', `${'a'.repeat(197)}.csv`, 'text_too_long'],
    ['empty text is fine (whether it is required is the field’s own rule)', 'name', '', null],
  ] as const)('%s', (_name, field: TextField, text, expected) => {
    expect(textProblem(field, text)?.code ?? null).toBe(expected);
  });

  it('names the refused character and where it is', () => {
    expect(textProblem('name', '김\u0000')).toEqual({
      code: 'text_forbidden_character',
      params: { character: 'U+0000', position: 2 },
    });
    expect(textProblem('note', `${'😀'.repeat(3)}\u202e`)?.params).toEqual({
      character: 'U+202E',
      position: 4,
    });
  });

  it('says the limit and the length', () => {
    expect(textProblem('note', '가'.repeat(1234))).toEqual({
      code: 'text_too_long',
      params: { max: 1000, length: 1234 },
    });
  });

  it('names the refused character before the length', () => {
    expect(textProblem('note', `${'x'.repeat(2000)}\u0000`)?.code).toBe('text_forbidden_character');
  });
});

describe('characterName', () => {
  it.each([
    [0, 'U+0000'],
    [0x202e, 'U+202E'],
    [0x1f600, 'U+1F600'],
  ])('%i is %s', (codePoint, name) => {
    expect(characterName(codePoint)).toBe(name);
  });
});
