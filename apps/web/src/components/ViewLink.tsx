import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../auth/useSession';

/**
 * The view parameters that follow the reader from screen to screen; `org` too, or a citizen on a
 * district's public view would be led to the metropolitan city's screen of the same code; and
 * `drafts`, so a draft plan's indicator leads to its sector of the same draft.
 */
const CARRIED = ['year', 'asOf', 'org', 'drafts'];

/** The screens a citizen on the public view may open (the server refuses the rest to them). */
const PUBLIC_SCREENS = [/^\/$/, /^\/sectors(\/|$)/, /^\/milestones(\/|$)/];

/**
 * A link that keeps the year and as-of month of the current view, so every screen shows the same
 * moment. For a reader who has not signed in (the public view) a link to a screen closed to them is
 * its text alone, not a way into a sign-in wall.
 */
export function ViewLink({
  to,
  children,
  className,
  params,
}: {
  to: string;
  children: ReactNode;
  className?: string;
  /** Extra search parameters for the target screen (filters). */
  params?: Record<string, string>;
}) {
  const [current] = useSearchParams();
  const signedIn = Boolean(useSession().data?.user);
  if (!signedIn && !PUBLIC_SCREENS.some((screen) => screen.test(to))) {
    return <span className={className}>{children}</span>;
  }
  const search = new URLSearchParams();
  for (const key of CARRIED) {
    const value = current.get(key);
    if (value) search.set(key, value);
  }
  for (const [key, value] of Object.entries(params ?? {})) search.set(key, value);
  const query = search.toString();
  return (
    <Link to={`${to}${query ? `?${query}` : ''}`} className={className}>
      {children}
    </Link>
  );
}
