/**
 * Indicator names as people type them: `문화ㆍ관광`, `문화·관광` and `문화.관광` are one name, and so
 * are `관광객 수（외국인）` and `관광객수(외국인)`. A name that still matches none gets the closest
 * names of the plan, measured on Hangul's letters (jamo) so one mistyped letter counts as one, not
 * as a whole syllable; a person picks, nothing is guessed.
 */

import { disassemble, getChoseong } from 'es-hangul';
import type { ProblemCode } from '../../problem-sentences.js';
import { foldCell } from './spelling.js';

export interface NamedIndicator {
  code: string;
  name_ko: string;
  name_en: string;
}

/** An indicator offered as what a name may have meant: its code and the name closest to the cell. */
export interface NameCandidate {
  code: string;
  name: string;
}

/**
 * An indicator named in a cell, or none with the closest candidates (best first, at most three);
 * `ambiguous` when the name is, after normalisation, the name of more than one indicator.
 */
export type NameMatch =
  | { kind: 'match'; code: string }
  | { kind: 'none'; candidates: NameCandidate[]; ambiguous?: boolean };

const DOTS = /[.·ᆞㆍ‧・•∙⋅]/g;
const OPENING = /[([{〔【「『〈《]/g;
const CLOSING = /[)\]}〕】」』〉》]/g;
const DASHES = /[‐‑‒–—―−]/g;
// NFKC turns a lone typed consonant (ㅊ, U+314A) into its conjoining form (U+110E); names are
// searched by initials (ㅊㄴㄱㅇㄹ) in the typed form es-hangul's getChoseong gives.
const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const CONJOINING_INITIAL = /[\u1100-\u1112]/g;

/** A name in the one spelling names are compared in: `문화ㆍ관광 (외국인)` → `문화·관광(외국인)`. */
export function nameKey(text: string): string {
  return foldCell(text)
    .toLowerCase()
    .replace(DOTS, '·')
    .replace(OPENING, '(')
    .replace(CLOSING, ')')
    .replace(DASHES, '-')
    .replace(CONJOINING_INITIAL, (c) => INITIALS.charAt((c.codePointAt(0) ?? 0) - 0x1100))
    .replace(/\s/g, '');
}

/** Edit distance: insertions, deletions and substitutions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

interface IndexedName {
  code: string;
  name: string;
  key: string;
  letters: string;
  initials: string;
}

interface NameIndex {
  byKey: Map<string, Set<string>>;
  names: IndexedName[];
  closest: Map<string, NameCandidate[]>;
}

// A preview reads the same plan's names for every row: index them once per list of indicators.
const indexes = new WeakMap<readonly NamedIndicator[], NameIndex>();

function indexOf(indicators: readonly NamedIndicator[]): NameIndex {
  const known = indexes.get(indicators);
  if (known) return known;
  const byKey = new Map<string, Set<string>>();
  const names: IndexedName[] = [];
  for (const indicator of indicators) {
    for (const name of [indicator.name_ko, indicator.name_en, indicator.code]) {
      const key = nameKey(name);
      if (key === '') continue;
      byKey.set(key, (byKey.get(key) ?? new Set()).add(indicator.code));
      if (name !== indicator.code)
        names.push({
          code: indicator.code,
          name,
          key,
          letters: disassemble(key),
          initials: getChoseong(key),
        });
    }
  }
  const index = { byKey, names, closest: new Map() };
  indexes.set(indicators, index);
  return index;
}

/** How far a name is from what was typed, 0 (same) to 1; closer than MAX_FARNESS is a candidate. */
const MAX_FARNESS = 0.4;
const MAX_CANDIDATES = 3;

function farness(key: string, name: IndexedName): number {
  // Typed as initial consonants only (ㄱㄱㄱ): a name whose initials hold them is close.
  if (/^[ㄱ-ㅎ]+$/.test(key)) return name.initials.includes(key) ? 0.1 : 1;
  const letters = disassemble(key);
  const edits = distance(letters, name.letters) / Math.max(letters.length, name.letters.length);
  // Part of the name typed (청년일자리 for 청년 일자리 창출 수), or the name with words added.
  const shorter = Math.min(key.length, name.key.length);
  const contained = shorter >= 2 && (name.key.includes(key) || key.includes(name.key));
  return contained ? Math.min(edits, 0.3) : edits;
}

function closestNames(key: string, index: NameIndex): NameCandidate[] {
  const known = index.closest.get(key);
  if (known) return known;
  const best = new Map<string, { name: string; farness: number }>();
  for (const name of index.names) {
    const far = farness(key, name);
    const current = best.get(name.code);
    if (far <= MAX_FARNESS && (!current || far < current.farness))
      best.set(name.code, { name: name.name, farness: far });
  }
  const candidates = [...best.entries()]
    .sort(([a, x], [b, y]) => x.farness - y.farness || a.localeCompare(b))
    .slice(0, MAX_CANDIDATES)
    .map(([code, { name }]) => ({ code, name }));
  if (index.closest.size < 10_000) index.closest.set(key, candidates);
  return candidates;
}

/**
 * The indicator a cell names (its Korean or English name, or its code), compared after
 * normalisation (nameKey); when none, the closest candidates.
 */
export function matchName(text: string, indicators: readonly NamedIndicator[]): NameMatch {
  const key = nameKey(text);
  if (key === '') return { kind: 'none', candidates: [] };
  const index = indexOf(indicators);
  const codes = index.byKey.get(key);
  if (codes?.size === 1) return { kind: 'match', code: [...codes][0] ?? '' };
  if (codes && codes.size > 1) {
    const candidates = indicators
      .filter((i) => codes.has(i.code))
      .map((i) => ({ code: i.code, name: /[가-힣]/.test(text) ? i.name_ko : i.name_en }));
    return { kind: 'none', candidates, ambiguous: true };
  }
  return { kind: 'none', candidates: closestNames(key, index) };
}

/**
 * What the reader is told about a name that matched none: the closest candidates when there are
 * some ("다음 지표를 찾으셨나요? …"), the indicators it could be when it names several.
 */
export function nameProblem(
  text: string,
  match: NameMatch & { kind: 'none' },
  year: number,
): { code: ProblemCode; params: Record<string, string | number> } {
  const value = text.trim();
  const candidates = match.candidates.map((c) => `${c.name} (${c.code})`).join(', ');
  if (match.ambiguous) return { code: 'ambiguous_indicator_name', params: { value, candidates } };
  if (candidates === '') return { code: 'unknown_indicator_by_name', params: { value, year } };
  return { code: 'unknown_indicator_did_you_mean', params: { value, year, candidates } };
}
