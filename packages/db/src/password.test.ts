import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';

describe('verifyPassword', () => {
  it('tells the right password from a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery!', hash)).toBe(false);
  });

  it('checks work marked ahead before the guesses queued in front of it', async () => {
    const hash = await hashPassword('correct horse battery');
    const finished: string[] = [];
    const guesses = Array.from({ length: 6 }, (_, i) =>
      verifyPassword(`guess-${i}`, hash).then(() => finished.push(`guess-${i}`)),
    );
    const owner = verifyPassword('correct horse battery', hash, { ahead: true }).then((ok) => {
      finished.push('owner');
      return ok;
    });
    await Promise.all(guesses);
    expect(await owner).toBe(true);
    // Two guesses were already running; the owner's check is the next to start, not the seventh.
    expect(finished.indexOf('owner')).toBeLessThanOrEqual(3);
  });
});
