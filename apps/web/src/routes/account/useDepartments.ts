import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc';
import { useView } from '../../view/useView';

/**
 * Departments by code with their names (every department owning an indicator or a milestone of the
 * plan), for labels and the bureau head's department select; the server checks the code anyway.
 */
export function useDepartments() {
  const trpc = useTRPC();
  const { view } = useView();
  const query = useQuery({
    ...trpc.departments.list.queryOptions({ year: view?.year ?? 0 }),
    enabled: view !== null,
  });
  return query.data ?? [];
}
