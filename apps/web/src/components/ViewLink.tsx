import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';

/** The view parameters that follow the reader from screen to screen. */
const CARRIED = ['year', 'asOf'];

/** A link that keeps the year and as-of month of the current view, so every screen shows the same moment. */
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
