import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';
import { setCsrfToken } from './csrf';

/** Who is signed in, from the server (auth.me); keeps the CSRF token for mutations. */
export function useSession() {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 5 * 60_000 });
  if (me.data) setCsrfToken(me.data.csrfToken);
  return me;
}

export type Session = NonNullable<ReturnType<typeof useSession>['data']>;
export type SessionUser = NonNullable<Session['user']>;
