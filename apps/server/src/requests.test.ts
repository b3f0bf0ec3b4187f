import { createServer } from 'node:http';
import { TEXT_RULES } from '@tangible/api';
import { describe, expect, it } from 'vitest';
import { BODY_LIMITS, REQUEST_TIMEOUTS, sizeText } from './requests.js';

/** Text of `length` characters of four UTF-8 bytes each (the most a character takes). */
const widest = (length: number) => '😀'.repeat(length);

describe('BODY_LIMITS', () => {
  it('leave room for the largest valid tRPC call: 500 entries, each with the longest note and link', () => {
    const entry = {
      code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ-12345',
      period: '2024-12',
      value: -1234567890.123456,
      note: widest(TEXT_RULES.note.max),
      evidenceUrl: `https://${widest(TEXT_RULES.evidenceUrl.max - 8)}`,
    };
    const body = JSON.stringify({ year: 2024, entries: Array(500).fill(entry) });
    expect(Buffer.byteLength(body)).toBeLessThan(BODY_LIMITS.bulk);
  });

  it('leave room for the largest valid sign-in', () => {
    const body = JSON.stringify({ username: widest(64), password: widest(200) });
    expect(Buffer.byteLength(body)).toBeLessThan(BODY_LIMITS.signIn);
  });
});

describe('sizeText', () => {
  it.each([
    [8 * 1024, '8 KB'],
    [4 * 1024 * 1024, '4 MB'],
    [10 * 1024 * 1024, '10 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
  ])('%i bytes are %s', (bytes, text) => {
    expect(sizeText(bytes)).toBe(text);
  });
});

describe('REQUEST_TIMEOUTS', () => {
  it('bound a request tighter than Node does, yet leave a full import at 1 Mbit/s room to arrive', () => {
    const server = createServer(REQUEST_TIMEOUTS);
    expect(server.headersTimeout).toBeLessThan(60_000);
    expect(server.requestTimeout).toBeLessThan(300_000);
    const importSeconds = (BODY_LIMITS.import * 8) / 1_000_000;
    expect(server.requestTimeout).toBeGreaterThan(importSeconds * 1000);
  });
});
