/**
 * An indicator's place in plan order as text that sorts as the plan reads: sector, strategy, project
 * and indicator positions, then the id, each zero-padded to a fixed width. Stored with its figures
 * (indicator_figures.place), so that a page in plan order is an index range read. A change of any
 * position above an indicator moves its place: such an edit refreshes the indicators below it.
 */

const WIDTH = 7;
/** Positions from −OFFSET to OFFSET − 1 fit the width once shifted by it. */
const OFFSET = 5_000_000;

function part(value: number, what: string): string {
  if (!Number.isInteger(value) || value < -OFFSET || value >= OFFSET)
    throw new Error(
      `The ${what} ${value} cannot be placed in plan order (from ${-OFFSET} to ${OFFSET - 1}).`,
    );
  return String(value + OFFSET).padStart(WIDTH, '0');
}

export function placeKey(place: {
  sector_position: number;
  strategy_position: number;
  project_position: number;
  indicator_position: number;
  id: number;
}): string {
  return [
    part(place.sector_position, 'sector position'),
    part(place.strategy_position, 'strategy position'),
    part(place.project_position, 'project position'),
    part(place.indicator_position, 'indicator position'),
    String(place.id).padStart(12, '0'),
  ].join('.');
}
