/**
 * Stored figures are results of packages/core's rules: when the rules change, figures stored by the
 * old ones must be rebuilt, which happens when RULES_VERSION is raised (version.ts). This fails on
 * any change to core's source, so that whoever changes it decides: raise RULES_VERSION if a figure
 * can come out differently, then record the new digest either way.
 */

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORE_DIGEST } from './version.js';

const CORE_SOURCE = fileURLToPath(new URL('../../../core/src/', import.meta.url));

function coreDigest(): string {
  const hash = createHash('sha256');
  const files = readdirSync(CORE_SOURCE)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort();
  for (const name of files) {
    hash.update(`${name}\n`);
    hash.update(readFileSync(join(CORE_SOURCE, name), 'utf8').replace(/\r\n/g, '\n'));
  }
  return hash.digest('hex');
}

describe('the rules version of stored figures', () => {
  it("was considered for core's source as it is", () => {
    expect(
      coreDigest(),
      'packages/core changed. If any figure can come out differently, raise RULES_VERSION in packages/db/src/figures/version.ts (every plan is rebuilt on the next start); then set CORE_DIGEST there to this digest.',
    ).toBe(CORE_DIGEST);
  });
});
