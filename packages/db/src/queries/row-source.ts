/**
 * Rows read as they are sent, the shape each engine reads them best in: SQLite's one at a time and
 * synchronously (a generator over the statement: no promise per row, which would cost more than the
 * reading), PostgreSQL's a batch at a time through a cursor (its driver answers asynchronously; a
 * batch, not a row, per promise). Either way only what the reader has taken is in memory, besides
 * one batch.
 */

/** One row at a time, synchronously; or batches of rows, asynchronously. */
export type RowSource<Row> = Iterable<Row> | AsyncIterable<readonly Row[]>;

/** Rows a PostgreSQL cursor reads at once: about 200 KB of CSV, as one slice of the sender. */
export const ROWS_PER_BATCH = 1_000;

export function isBatched<Row>(source: RowSource<Row>): source is AsyncIterable<readonly Row[]> {
  return Symbol.asyncIterator in source;
}

/**
 * Each row made into another as it is read, or left out where `made` gives undefined. Keeps the
 * source's shape: a generator for a generator, batches for batches.
 */
export function mapRows<Row, Made>(
  source: RowSource<Row>,
  made: (row: Row) => Made | undefined,
): RowSource<Made> {
  if (isBatched(source)) {
    return (async function* () {
      for await (const batch of source) {
        const out: Made[] = [];
        for (const row of batch) {
          const one = made(row);
          if (one !== undefined) out.push(one);
        }
        if (out.length > 0) yield out;
      }
    })();
  }
  return (function* () {
    for (const row of source) {
      const one = made(row);
      if (one !== undefined) yield one;
    }
  })();
}

/** Every row, read to the end: for a reader that needs them all at once (a test, a short list). */
export async function readAll<Row>(source: RowSource<Row>): Promise<Row[]> {
  if (!isBatched(source)) return Array.from(source);
  const rows: Row[] = [];
  for await (const batch of source) for (const row of batch) rows.push(row);
  return rows;
}

/**
 * The rows of several sources one after another, read in turn (a source is not started before the
 * one ahead of it has ended: one statement at a time on a connection). Keeps the shape: batches when
 * any source is batched (a list held whole then joins as one batch), else a generator.
 */
export function concatRows<Row>(sources: readonly RowSource<Row>[]): RowSource<Row> {
  const [only] = sources;
  if (sources.length === 1 && only !== undefined) return only;
  if (sources.some((source) => isBatched(source))) {
    return (async function* () {
      for (const source of sources) {
        if (isBatched(source)) yield* source;
        else {
          const batch = Array.from(source);
          if (batch.length > 0) yield batch;
        }
      }
    })();
  }
  return (function* () {
    for (const source of sources) yield* source as Iterable<Row>;
  })();
}
