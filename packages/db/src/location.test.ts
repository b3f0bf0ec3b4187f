import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseUrlProblem, databaseFile, databaseLocation, describeLocation, ROOT } from './location.js';

function problemOf(url: string): { code: string; params: Record<string, string> } {
  try {
    databaseLocation(url);
  } catch (error) {
    if (error instanceof DatabaseUrlProblem) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe('databaseLocation (DATABASE_URL)', () => {
  it.each([
    ['file:data/x.sqlite', resolve(ROOT, 'data/x.sqlite')],
    ['sqlite:data/x.sqlite', resolve(ROOT, 'data/x.sqlite')],
    ['file:///var/lib/tangible/x.sqlite', '/var/lib/tangible/x.sqlite'],
    ['data/x.sqlite', resolve(ROOT, 'data/x.sqlite')],
    ['/abs/x.sqlite', '/abs/x.sqlite'],
    [':memory:', ':memory:'],
    ['file::memory:', ':memory:'],
  ])('takes %s as the SQLite file %s', (url, file) => {
    expect(databaseLocation(url)).toEqual({ engine: 'sqlite', file });
  });

  it.each([
    'postgres://tangible:secret@db.example:5432/tangible',
    'postgresql://localhost/tangible',
    'postgres:///tangible?host=/run/postgresql',
  ])('takes %s as PostgreSQL, the URL as given', (url) => {
    expect(databaseLocation(url)).toEqual({ engine: 'postgres', url });
  });

  it('refuses a scheme it does not run on, naming it, rather than making a file of it', () => {
    expect(problemOf('mysql://localhost/tangible')).toEqual({
      code: 'database_url_unsupported',
      params: { scheme: 'mysql' },
    });
    expect(problemOf('http://example.com/db').code).toBe('database_url_unsupported');
  });

  it('refuses a malformed PostgreSQL URL without repeating its password', () => {
    expect(problemOf('postgres:tangible').code).toBe('database_url_malformed');
    expect(problemOf('postgres://')).toEqual({
      code: 'database_url_malformed',
      params: { url: 'postgres://' },
    });
    expect(problemOf('postgres://me:secret@host:notaport/db')).toEqual({
      code: 'database_url_malformed',
      params: { url: 'postgres://me:***@host:notaport/db' },
    });
    expect(problemOf('file:').code).toBe('database_url_malformed');
  });

  it('describes a location for the log without its password', () => {
    expect(describeLocation(databaseLocation('postgres://me:secret@db/tangible'))).toEqual({
      engine: 'postgres',
      database: 'postgres://me:***@db/tangible',
    });
  });

  it('gives a file only for SQLite: a file-only command on PostgreSQL is refused by its code', () => {
    expect(databaseFile('file:/x.sqlite')).toBe('/x.sqlite');
    expect(() => databaseFile('postgres://db/tangible', 'db backup')).toThrow(
      expect.objectContaining({
        code: 'database_sqlite_only',
        params: { what: 'db backup', engine: 'postgres' },
      }),
    );
  });
});
