import { describe, expect, it } from 'vitest';
import { readConfig } from './env.js';

describe('TRUST_PROXY', () => {
  it.each([
    ['unset', undefined, false],
    ['empty', '', false],
    ['a number of proxies', '1', 1],
    ['loopback', 'loopback', ['loopback']],
    [
      'a list of names, addresses and ranges',
      'loopback, 10.0.0.0/8, 192.0.2.7, fd00::/8, ::1',
      ['loopback', '10.0.0.0/8', '192.0.2.7', 'fd00::/8', '::1'],
    ],
  ])('%s → trust %j', (_, value, expected) => {
    expect(readConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    ['true (anyone could name their own address)', 'true'],
    ['a word Express does not know', 'nginx'],
    ['a range that is not one', '10.0.0.0/33'],
    ['one bad entry in a list', 'loopback, 10.0.0.300'],
  ])('refuses %s, naming the variable', (_, value) => {
    expect(() => readConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: not a number of proxies/);
  });
});

describe('the export limits in the environment', () => {
  it('default to 4 at once, 15 minutes each, and 16 KiB/s', () => {
    expect(readConfig({}).exportLimits).toEqual({
      maxConcurrent: 4,
      totalMs: 900_000,
      minBytesPerSecond: 16_384,
    });
  });

  it('are read from their variables', () => {
    const config = readConfig({
      EXPORT_MAX_CONCURRENT: '2',
      EXPORT_TIME_LIMIT_SECONDS: '60',
      EXPORT_MIN_BYTES_PER_SECOND: '0',
    });
    expect(config.exportLimits).toEqual({ maxConcurrent: 2, totalMs: 60_000, minBytesPerSecond: 0 });
  });

  it.each([
    ['EXPORT_MAX_CONCURRENT', '0'],
    ['EXPORT_TIME_LIMIT_SECONDS', '100000'],
    ['EXPORT_MIN_BYTES_PER_SECOND', '-1'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(name);
  });
});

describe('the admission limits in the environment', () => {
  it('default to 256 requests at once and a wait of at most a second', () => {
    expect(readConfig({}).admissionLimits).toEqual({ maxInFlight: 256, maxLagMs: 1_000 });
  });

  it('are read from their variables, and a wrong one is named', () => {
    const config = readConfig({ REQUESTS_MAX_IN_FLIGHT: '8', REQUESTS_MAX_WAIT_MS: '250' });
    expect(config.admissionLimits).toEqual({ maxInFlight: 8, maxLagMs: 250 });
    expect(() => readConfig({ REQUESTS_MAX_IN_FLIGHT: '0' })).toThrow('REQUESTS_MAX_IN_FLIGHT');
  });
});

describe('DRAIN_SECONDS', () => {
  it('is no wait by default, read in seconds, and a wrong one is named', () => {
    expect(readConfig({}).drainSeconds).toBe(0);
    expect(readConfig({ DRAIN_SECONDS: '5' }).drainSeconds).toBe(5);
    expect(() => readConfig({ DRAIN_SECONDS: '-1' })).toThrow('DRAIN_SECONDS');
    expect(() => readConfig({ DRAIN_SECONDS: 'soon' })).toThrow('DRAIN_SECONDS');
  });
});

describe('the kept answers in the environment', () => {
  it('take at most 64 MB unless ANSWER_MEMO_MB says otherwise, and 0 keeps none', () => {
    expect(readConfig({}).answerMemoBytes).toBe(64 * 1024 * 1024);
    expect(readConfig({ ANSWER_MEMO_MB: '0' }).answerMemoBytes).toBe(0);
    expect(() => readConfig({ ANSWER_MEMO_MB: '-1' })).toThrow('ANSWER_MEMO_MB');
  });
});

describe('DATABASE_URL', () => {
  it('names an SQLite file by default and a PostgreSQL server by its URL', () => {
    expect(readConfig({}).database).toMatchObject({
      engine: 'sqlite',
      file: expect.stringMatching(/tangible\.sqlite$/),
    });
    expect(readConfig({ DATABASE_URL: 'postgres://db.example/tangible' }).database).toEqual({
      engine: 'postgres',
      url: 'postgres://db.example/tangible',
    });
  });

  it('refuses a scheme it does not run on or a malformed URL, naming the variable and what it accepts', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://db.example/tangible' })).toThrow(
      /DATABASE_URL: DATABASE_URL names a database Tangible does not run on \("mysql:"\)\. Give an SQLite file .* or PostgreSQL/,
    );
    expect(() => readConfig({ DATABASE_URL: 'postgresql://u:pw@:5432' })).toThrow(
      /DATABASE_URL: DATABASE_URL "postgresql:\/\/u:\*\*\*@:5432" cannot be read/,
    );
  });

  it('leaves email off without SMTP settings, and reads SMTP_URL or SMTP_HOST with the sender address', () => {
    expect(readConfig({}).mail).toBeNull();
    expect(
      readConfig({ SMTP_URL: 'smtp://mail.busan.example:587', SMTP_FROM: 'kpi@busan.example' }).mail,
    ).toMatchObject({
      url: 'smtp://mail.busan.example:587',
      from: 'kpi@busan.example',
    });
    expect(
      readConfig({
        SMTP_HOST: 'mail.busan.example',
        SMTP_PORT: '465',
        SMTP_USER: 'kpi',
        SMTP_PASS: 'x',
        SMTP_FROM: 'kpi@busan.example',
      }).mail,
    ).toMatchObject({ host: 'mail.busan.example', port: 465, user: 'kpi', pass: 'x' });
    expect(() => readConfig({ SMTP_URL: 'smtp://mail.busan.example' })).toThrow(/SMTP_FROM: required/);
    expect(() =>
      readConfig({ SMTP_URL: 'http://mail.busan.example', SMTP_FROM: 'kpi@busan.example' }),
    ).toThrow(/SMTP_URL/);
  });
});
