/**
 * The version of the indicator rules (packages/core) that stored figures were computed with. Stored
 * figures are results of the rules, so a release that changes the rules must recompute them: raise
 * this number, and the next start (or any `pnpm cli` command) rebuilds every plan built with an
 * older one (refresh.ts, ensureFigures). version.test.ts fails when core's source changes without it.
 */
export const RULES_VERSION = 1;

/** The digest of packages/core's source (version.test.ts) when RULES_VERSION was last considered. */
export const CORE_DIGEST = '28a83ee0c0d26a9f55e8f74e20dc1f58e6c63ea1d3c98fe48e6ccf466ac8fa28';
