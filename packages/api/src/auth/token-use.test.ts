/**
 * A token's "last used" moves at most once a minute: each move is a commit synced to disk, which a
 * script's every request waited for before, and every request behind it.
 */

import { type Db, findTokens, findUserByUsername, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, resolvePrincipal } from './sessions.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

describe('an API token in use', () => {
  it('records when it was last used, to the minute, without a write for every request', async () => {
    const analyst = await findUserByUsername(db, 'analyst');
    const { token, id } = await createApiToken(
      db,
      analyst?.id ?? 0,
      'touch',
      new Date('2025-01-15T09:00:00Z'),
    );
    const lastUsed = async (at: string) => {
      const principal = await resolvePrincipal(db, {
        authorization: `Bearer ${token}`,
        publicDashboard: false,
        now: new Date(at),
      });
      expect(principal.kind).toBe('user');
      return (await findTokens(db, { organisationId: 1 })).find((t) => t.id === id)?.last_used_at;
    };
    expect(await lastUsed('2025-01-15T09:00:00.000Z')).toBe('2025-01-15T09:00:00.000Z');
    expect(await lastUsed('2025-01-15T09:00:30.000Z')).toBe('2025-01-15T09:00:00.000Z');
    expect(await lastUsed('2025-01-15T09:00:59.999Z')).toBe('2025-01-15T09:00:00.000Z');
    expect(await lastUsed('2025-01-15T09:01:00.000Z')).toBe('2025-01-15T09:01:00.000Z');
  });
});
