/**
 * Where things sit in a plan: indicators, reported values and milestones joined to their project,
 * strategy, sector (which carries the plan) and owning department. Every query that filters by plan,
 * sector or department starts from one of these, so the path through the plan is written once.
 */

import type { Db } from '../connection.js';

export function indicatorsInPlace(db: Db) {
  return db
    .selectFrom('indicators')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('departments', 'departments.id', 'indicators.department_id');
}

export function measurementsInPlace(db: Db) {
  return db
    .selectFrom('measurements')
    .innerJoin('indicators', 'indicators.id', 'measurements.indicator_id')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('departments', 'departments.id', 'indicators.department_id');
}

export function milestonesInPlace(db: Db) {
  return db
    .selectFrom('milestones')
    .innerJoin('projects', 'projects.id', 'milestones.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('departments', 'departments.id', 'milestones.department_id');
}
