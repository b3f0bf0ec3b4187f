/**
 * What free text Tangible keeps may hold: one length limit per kind of field, and no characters
 * that hide or disguise what a reader sees. The one rule for typed entry, imported rows, every
 * procedure's input and the command line, so a note refused in one place is refused everywhere.
 */

export interface TextRule {
  /** At most this many characters (Unicode code points, so 가 and 😀 count one each). */
  max: number;
  /** Whether tab, line feed and carriage return may appear (notes and reasons: yes; names: no). */
  lineBreaks: boolean;
}

export const TEXT_RULES = {
  /** A person's display name; an API token's name. */
  name: { max: 100, lineBreaks: false },
  /** A reported value's note; a milestone's note. */
  note: { max: 1000, lineBreaks: true },
  /** A value's analysis and next steps; a directive; a progress report on a directive or an action. */
  commentary: { max: 4000, lineBreaks: true },
  /** Why a value is returned, or why a milestone's dates change. */
  reason: { max: 1000, lineBreaks: true },
  /** The web address given as a value's evidence. */
  evidenceUrl: { max: 2000, lineBreaks: false },
  /** An imported file's name, kept as the source of each value it brings. */
  fileName: { max: 200, lineBreaks: false },
} as const satisfies Record<string, TextRule>;

export type TextField = keyof typeof TEXT_RULES;

export type TextProblem =
  | { code: 'text_too_long'; params: { max: number; length: number } }
  | { code: 'text_forbidden_character'; params: { character: string; position: number } };

/** `U+0000`: how a character no one can see is named to the reader. */
export function characterName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

const LINE_BREAKS = new Set([0x09, 0x0a, 0x0d]);

/**
 * Whether a character is refused: control characters (C0, DEL, C1; tab and line breaks only where
 * the field allows them), the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069: they make "evil.exe‮txt." read as something else), and halves of a surrogate
 * pair with no other half (not a character at all).
 */
function forbidden(codePoint: number, lineBreaks: boolean): boolean {
  if (codePoint < 0x20) return !(lineBreaks && LINE_BREAKS.has(codePoint));
  if (codePoint >= 0x7f && codePoint <= 0x9f) return true;
  if (codePoint >= 0x202a && codePoint <= 0x202e) return true;
  if (codePoint >= 0x2066 && codePoint <= 0x2069) return true;
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

/**
 * What is wrong with a piece of text for its field, or null. A refused character is named before
 * the length, since it is the more specific fault; its position counts characters from 1.
 * `textProblem('name', 'Kim\u0000')` → text_forbidden_character U+0000 at 4;
 * a 1001-character note → text_too_long, max 1000, length 1001.
 */
export function textProblem(field: TextField, text: string): TextProblem | null {
  const rule: TextRule = TEXT_RULES[field];
  let length = 0;
  for (const character of text) {
    length += 1;
    const codePoint = character.codePointAt(0) ?? 0;
    if (forbidden(codePoint, rule.lineBreaks)) {
      return {
        code: 'text_forbidden_character',
        params: { character: characterName(codePoint), position: length },
      };
    }
  }
  return length > rule.max ? { code: 'text_too_long', params: { max: rule.max, length } } : null;
}
