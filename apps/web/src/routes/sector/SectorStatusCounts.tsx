import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/StatusBadge';
import type { Status } from '../../trpc';

const STATUSES: Status[] = ['on_track', 'at_risk', 'off_track', 'no_data'];

/** How many of the sector's indicators are in each status, as badges with shape, word and count. */
export function SectorStatusCounts({ counts }: { counts: Record<Status, number> }) {
  const { t } = useTranslation();
  return (
    <ul className="status-counts sector-status-counts" aria-label={t('sector.statusCounts')}>
      {STATUSES.map((status) => (
        <li key={status} data-status={status}>
          <StatusBadge status={status} count={counts[status]} />
        </li>
      ))}
    </ul>
  );
}
