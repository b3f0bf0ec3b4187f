import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markerPath, recordDatabase, setAsideOrphans, vanishedDatabase } from './presence.js';

const NOW = new Date('2025-01-15T09:00:00Z');

/** A folder holding some of: the database file (with content or empty), its marker, a -wal with content. */
function folder(files: { database?: 'full' | 'empty'; marker?: boolean; wal?: 'full' | 'empty' }) {
  const file = join(mkdtempSync(join(tmpdir(), 'tangible-presence-')), 'tangible.sqlite');
  if (files.database) writeFileSync(file, files.database === 'full' ? 'SQLite format 3\0' : '');
  if (files.marker) recordDatabase(file, NOW);
  if (files.wal) writeFileSync(`${file}-wal`, files.wal === 'full' ? 'frames' : '');
  return file;
}

describe('whether a database vanished', () => {
  it.each([
    ['nothing was ever there', {}, null],
    ['the database is there, with its marker', { database: 'full', marker: true }, null],
    ['the database is there, without a marker (before markers existed)', { database: 'full' }, null],
    [
      'the database is missing but its marker is there',
      { marker: true },
      /is missing, but a database was created there on 2025-01-15T09:00:00.000Z/,
    ],
    [
      'the database is empty but its marker is there',
      { database: 'empty', marker: true },
      /is empty, but a database was created there/,
    ],
    [
      'the database is missing but its -wal has content',
      { wal: 'full' },
      /is missing, but its write-ahead log .*-wal \(6 bytes\) is still there/,
    ],
    ['the database is missing and its -wal is empty', { wal: 'empty' }, null],
  ] as const)('when %s', (_case, files, expected) => {
    const found = vanishedDatabase(folder(files));
    if (expected === null) expect(found).toBeNull();
    else expect(found).toMatch(expected);
  });

  it('keeps the first marker unless told to replace it', () => {
    const file = folder({ database: 'full', marker: true });
    recordDatabase(file, new Date('2026-01-01T00:00:00Z'));
    expect(JSON.parse(readFileSync(markerPath(file), 'utf8')).createdAt).toBe(NOW.toISOString());
  });

  it('sets aside the -wal and -shm of a lost database, and leaves those of a present one', () => {
    const lost = folder({ wal: 'full' });
    writeFileSync(`${lost}-shm`, '');
    expect(setAsideOrphans(lost, NOW)).toEqual([
      `${lost}-wal.orphaned-2025-01-15T09-00-00-000Z`,
      `${lost}-shm (deleted)`,
    ]);
    expect(readdirSync(join(lost, '..'))).toEqual(['tangible.sqlite-wal.orphaned-2025-01-15T09-00-00-000Z']);

    const present = folder({ database: 'full', wal: 'full' });
    expect(setAsideOrphans(present, NOW)).toEqual([]);
    expect(existsSync(`${present}-wal`)).toBe(true);
  });
});
