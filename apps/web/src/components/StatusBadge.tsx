import { useTranslation } from 'react-i18next';
import type { Status } from '../trpc';

/** A shape as well as a colour, so that status never depends on colour alone. */
const SYMBOL: Record<Status, string> = { on_track: '●', at_risk: '▲', off_track: '■', no_data: '○' };

export function StatusBadge({ status, count }: { status: Status; count?: number }) {
  const { t } = useTranslation();
  return (
    <span className={`status status-${status}`}>
      <span aria-hidden="true" className="status-symbol">
        {SYMBOL[status]}
      </span>
      {t(`status.${status}`)}
      {count !== undefined && <strong className="status-count">{count}</strong>}
    </span>
  );
}
