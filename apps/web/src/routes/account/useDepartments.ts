import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc';
import { useView } from '../../view/useView';

/**
 * Departments by code with their names, for labels and the bureau head's department select. The API
 * has no plain list of departments, so this takes those of the comparison (every department that
 * owns an indicator); the server checks the code anyway.
 */
export function useDepartments() {
  const trpc = useTRPC();
  const { view } = useView();
  const query = useQuery({
    ...trpc.departments.comparison.queryOptions({ year: view?.year ?? 0, asOf: view?.asOf }),
    enabled: view !== null,
  });
  return (query.data?.departments ?? []).map((d) => ({ code: d.code, name: d.name }));
}
