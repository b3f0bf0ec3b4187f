import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, type FailedRequest } from '../format/problems';

/** Loading, error and empty states, handled once for every panel that loads data. */
export function QueryState<T>({
  query,
  isEmpty,
  children,
}: {
  query: UseQueryResult<T, FailedRequest>;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <p className="state state-loading" role="status">
        {t('state.loading')}
      </p>
    );
  }
  if (query.isError) {
    return (
      <div className="state state-error" role="alert">
        <p>{t('state.error', { message: errorText(t, query.error) })}</p>
        <button type="button" onClick={() => void query.refetch()}>
          {t('state.retry')}
        </button>
      </div>
    );
  }
  if (isEmpty?.(query.data)) return <p className="state state-empty">{t('state.empty')}</p>;
  return <>{children(query.data)}</>;
}
