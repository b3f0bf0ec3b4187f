/**
 * The version of the indicator rules (packages/core, and the figure code that feeds and stores them)
 * that stored figures were computed with. Stored figures are results of the rules, so a release
 * that changes the rules must recompute them: raise this number, and the next start (or any `pnpm
 * cli` command) rebuilds every plan built with another one (refresh.ts, ensureFigures).
 * version.test.ts fails when those sources change without it being considered.
 */
export const RULES_VERSION = 4;

/** The digest of the rules' sources (version.test.ts lists them) when RULES_VERSION was last considered. */
export const RULES_DIGEST = '08165e55f70738539cf0848c8f397b666a0275f6feb823d4284d216e4f6ae7c5';

/**
 * The stamp of a plan whose figures may mix two releases' rules (refresh.ts, clearForeignStamp): no
 * release has rules version 0, so every start (ensureFigures) rebuilds such a plan.
 */
export const STALE_RULES = 0;
