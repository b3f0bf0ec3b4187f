import { describe, expect, it } from 'vitest';
import { concatRows, isBatched, readAll } from './row-source.js';

async function* batches<T>(...groups: T[][]) {
  for (const group of groups) yield group;
}

describe('concatRows', () => {
  it('reads generators one after another, as a generator', async () => {
    const started: string[] = [];
    const source = (name: string, rows: number[]) =>
      (function* () {
        started.push(name);
        yield* rows;
      })();
    const joined = concatRows([source('a', [1, 2]), source('b', [3])]);
    expect(isBatched(joined)).toBe(false);
    const iterator = (joined as Iterable<number>)[Symbol.iterator]();
    iterator.next();
    // The second source is not started while the first still has rows (one statement at a time).
    expect(started).toEqual(['a']);
    expect(await readAll(concatRows([[1, 2], [3]]))).toEqual([1, 2, 3]);
  });

  it('joins batches, with a list among them as one batch', async () => {
    const joined = concatRows<number>([batches([1, 2], [3]), [4, 5], batches([6])]);
    expect(isBatched(joined)).toBe(true);
    expect(await readAll(joined)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives one source back as it is', () => {
    const only = [1, 2];
    expect(concatRows([only])).toBe(only);
  });
});
