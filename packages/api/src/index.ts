export * from './context.js';
export * from './export/indicators.js';
export * from './figures.js';
export * from './root.js';
export * from './summaries.js';
