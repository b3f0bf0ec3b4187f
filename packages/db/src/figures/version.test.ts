/**
 * Stored figures are results of the rules: packages/core's, and the figure code here that decides
 * which rows count (inputs.ts: approved values, active milestones, their order), how rows become
 * core's inputs (evaluate.ts: the annual target, thresholds, a track's milestones) and how results
 * are written and read back (store.ts, series.ts). When any of it changes, figures stored by the old
 * code must be rebuilt, which happens when RULES_VERSION is raised (version.ts). This fails on any
 * change to those sources, so that whoever changes them decides: raise RULES_VERSION if a figure can
 * come out differently, then record the new digest either way. (refresh.ts only chooses what to
 * recompute; the property test in @tangible/api holds it to a rebuild.)
 */

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES_DIGEST } from './version.js';

const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url));
const CORE_SOURCE = join(PACKAGES, 'core/src');
const FIGURES = join(PACKAGES, 'db/src/figures');
const FIGURE_RULES = [
  'evaluate.ts',
  'inputs.ts',
  'store.ts',
  'series.ts',
  'rollups.ts',
  'tracks.ts',
  'place.ts',
];

const isSource = (name: string) => name.endsWith('.ts') && !name.endsWith('.test.ts');

/** Every source file of core, in every folder, then the figure code that decides a stored figure. */
function ruleSources(): string[] {
  const core = readdirSync(CORE_SOURCE, { recursive: true, encoding: 'utf8' })
    .filter(isSource)
    .map((name) => join(CORE_SOURCE, name));
  return [...core.sort(), ...FIGURE_RULES.map((name) => join(FIGURES, name))];
}

function rulesDigest(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    // Named from packages/ with forward slashes: the same digest on every machine.
    hash.update(`${relative(PACKAGES, file).split('\\').join('/')}\n`);
    hash.update(readFileSync(file, 'utf8').replace(/\r\n/g, '\n'));
  }
  return hash.digest('hex');
}

describe('the rules version of stored figures', () => {
  it("covers core's source in every folder and the figure code that decides a stored figure", () => {
    const hashed = ruleSources();
    for (const name of FIGURE_RULES) expect(hashed, name).toContain(join(FIGURES, name));
    expect(hashed).toContain(join(CORE_SOURCE, 'indicator.ts'));
    expect(hashed.filter((file) => file.endsWith('.test.ts'))).toEqual([]);
  });

  it('was considered for those sources as they are', () => {
    const files = ruleSources();
    expect(
      rulesDigest(files),
      `The rules of stored figures changed (${files.map((file) => relative(PACKAGES, file)).join(', ')}). If any figure can come out differently, raise RULES_VERSION in packages/db/src/figures/version.ts (every plan is rebuilt on the next start); then set RULES_DIGEST there to this digest.`,
    ).toBe(RULES_DIGEST);
  });
});
