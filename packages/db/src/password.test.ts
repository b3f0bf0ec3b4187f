import { describe, expect, it } from 'vitest';
import { enterHashLine, hashPassword, verifyPassword } from './password.js';

describe('verifyPassword', () => {
  it('tells the right password from a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toEqual({ checked: true, valid: true });
    expect(await verifyPassword('correct horse battery!', hash)).toEqual({ checked: true, valid: false });
  });

  it('checks in the turn of a place in the hash line, one place per client', async () => {
    const hash = await hashPassword('correct horse battery');
    const entry = enterHashLine({ client: 'client:203.0.113.9', failures: 0, knownDevice: false });
    if (!entry.admitted) throw new Error('refused');
    expect(enterHashLine({ client: 'client:203.0.113.9', failures: 0, knownDevice: false })).toMatchObject({
      admitted: false,
      why: 'client_waiting',
    });
    expect(await verifyPassword('correct horse battery', hash, entry.ticket)).toEqual({
      checked: true,
      valid: true,
    });
    const again = enterHashLine({ client: 'client:203.0.113.9', failures: 0, knownDevice: false });
    expect(again.admitted).toBe(true);
    if (again.admitted) again.ticket.leave();
  });
});
