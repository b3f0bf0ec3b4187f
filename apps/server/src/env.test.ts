import { describe, expect, it } from 'vitest';
import { readConfig } from './env.js';

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
