/**
 * The version of the indicator rules (packages/core, and the figure code that feeds and stores them)
 * that stored figures were computed with. Stored figures are results of the rules, so a release
 * that changes the rules must recompute them: raise this number, and the next start (or any `pnpm
 * cli` command) rebuilds every plan built with another one (refresh.ts, ensureFigures).
 * version.test.ts fails when those sources change without it being considered.
 */
export const RULES_VERSION = 3;

/** The digest of the rules' sources (version.test.ts lists them) when RULES_VERSION was last considered. */
export const RULES_DIGEST = '8b3fe3537354fc936ec93f30442161ccc1aa1a5455b5019b95b7607163d89172';

/**
 * The stamp of a plan whose figures may mix two releases' rules (refresh.ts, clearForeignStamp): no
 * release has rules version 0, so every start (ensureFigures) rebuilds such a plan.
 */
export const STALE_RULES = 0;
