/**
 * The highest data version this page was sent (X-Data-Version, said by a server on PostgreSQL),
 * sent back with every call (X-Data-Version-Seen): whichever process behind the proxy answers next,
 * it answers from data at least as new as what this page already saw, its own writes included.
 */

let seen: bigint | null = null;

function note(version: string | null): void {
  if (!version || !/^[0-9]{1,18}$/.test(version)) return;
  const value = BigInt(version);
  if (seen === null || value > seen) seen = value;
}

/** fetch, noting the version each answer says. */
export const fetchNotingVersion: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  note(response.headers.get('x-data-version'));
  return response;
};

export function seenVersionHeaders(): Record<string, string> {
  return seen === null ? {} : { 'x-data-version-seen': String(seen) };
}
