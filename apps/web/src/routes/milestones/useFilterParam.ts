import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A view filter kept in the URL beside year and as-of (`?sector=BAL`), so a link shows the same
 * selection and the back button undoes a change. Setting the default value removes the parameter.
 */
export function useFilterParam(name: string, fallback = ''): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? fallback;
  const setValue = useCallback(
    (next: string) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        if (next === fallback) updated.delete(name);
        else updated.set(name, next);
        return updated;
      });
    },
    [setParams, name, fallback],
  );
  return [value, setValue];
}
