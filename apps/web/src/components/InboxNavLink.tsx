import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { useLanguage } from '../format/language';
import { useInboxInput } from '../routes/inbox/inboxYear';
import { useTRPC } from '../trpc';

/** The inbox in the navigation, with how many things wait for the user (nothing shown while none do). */
export function InboxNavLink({ search }: { search: string }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const inbox = useQuery(trpc.inbox.mine.queryOptions(useInboxInput()));
  const total = inbox.data?.total ?? 0;
  return (
    <NavLink to={`/inbox${search}`}>
      {t('nav.inbox')}
      {total > 0 && (
        <>
          {' '}
          <span className="nav-count" aria-hidden="true">
            {total}
          </span>
          <span className="visually-hidden">{t('nav.inboxCount', { count: total })}</span>
        </>
      )}
    </NavLink>
  );
}
