export * from './auth/policy.js';
export * from './auth/sessions.js';
export * from './context.js';
export * from './export/indicators.js';
export * from './figures.js';
export * from './root.js';
export * from './summaries.js';
export * from './testing.js';
