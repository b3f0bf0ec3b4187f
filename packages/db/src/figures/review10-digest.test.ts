/**
 * Review 10: the rules digest (version.test.ts) is meant to force a decision on RULES_VERSION
 * whenever stored figures can come out differently. It hashes packages/core/src's top folder only,
 * but the numbers stored are equally decided here: which rows count (inputs.ts: approved values,
 * active milestones, their order), how rows become core's inputs (evaluate.ts: which target is the
 * annual one, thresholds, the milestone annual target), and how they are written (store.ts,
 * series.ts). A change to any of these passes every test (the property test compares new
 * incremental figures with a new rebuild) and the next start keeps every old figure.
 */

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE_SOURCE = fileURLToPath(new URL('../../../core/src/', import.meta.url));
const FIGURES = fileURLToPath(new URL('./', import.meta.url));

/** What version.test.ts's coreDigest() reads, as it lists it. */
function hashedFiles(): string[] {
  return readdirSync(CORE_SOURCE)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort()
    .map((name) => join(CORE_SOURCE, name));
}

describe('review 10: the rules digest', () => {
  it('covers every file that decides a stored figure, not only core', () => {
    const hashed = hashedFiles();
    for (const file of ['evaluate.ts', 'inputs.ts', 'store.ts', 'series.ts']) {
      expect(hashed, file).toContain(join(FIGURES, file));
    }
  });
});
