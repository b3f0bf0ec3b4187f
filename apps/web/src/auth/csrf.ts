/**
 * The session's CSRF token, held in memory (never in storage) and sent as X-CSRF-Token on every
 * request; the server refuses mutations made with the session cookie without it.
 */
let token: string | null = null;

export function setCsrfToken(next: string | null): void {
  token = next;
}

export function csrfHeaders(): Record<string, string> {
  return token ? { 'x-csrf-token': token } : {};
}
