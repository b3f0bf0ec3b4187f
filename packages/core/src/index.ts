export * from './attainment.js';
export * from './dates.js';
export * from './indicator.js';
export * from './milestone.js';
export * from './milestone-indicator.js';
export * from './period.js';
export * from './score.js';
export * from './status.js';
