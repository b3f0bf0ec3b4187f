export { AS_OF_MONTHS, latestMonthOf, milestoneDates, thresholdsOf } from './evaluate.js';
export { type ProspectiveValue, statusesIfApproved } from './prospect.js';
export {
  buildPlanFigures,
  ensureFigures,
  type PlanBuild,
  plansNeedingFigures,
  rebuildFigures,
  refreshAfterApproval,
  refreshIndicators,
  refreshTrack,
} from './refresh.js';
export { findPlanFigures, type StoredFigureColumns, storedFigures, storedSeries } from './store.js';
export { RULES_VERSION, STALE_RULES } from './version.js';
