import { useSearchParams } from 'react-router';

/**
 * The plan year an inbox is asked for: the one the address names, else none, so that the server
 * gives what needs the user now (the plan of the city's current year, with last year's reports
 * falling due), not the year the screens open on for reading (the latest with a reported value).
 */
export function useInboxInput(): { year: number } | undefined {
  const [params] = useSearchParams();
  const year = Number(params.get('year'));
  return Number.isInteger(year) && year > 0 ? { year } : undefined;
}
