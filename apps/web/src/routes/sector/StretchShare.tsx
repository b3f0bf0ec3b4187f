import { useQuery } from '@tanstack/react-query';
import { useLanguage } from '../../format/language';
import { formatPercent } from '../../format/numbers';
import { useTRPC } from '../../trpc';
import type { View } from '../../view/useView';

/** The sector's share of stretch targets (stretch or above the best year) among those with a trend. */
export function StretchShare({ view, code }: { view: View; code: string }) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const query = useQuery(
    trpc.years.sectorAmbition.queryOptions({ year: view.year, ...(view.org ? { org: view.org } : {}) }),
  );
  if (!query.data) return null;
  const sector = query.data.find((s) => s.sectorCode === code);
  return (
    <p className="muted briefing-stretch" data-testid="stretch-share">
      {sector && sector.share !== null
        ? t('sector.briefing.stretchShare', {
            share: formatPercent(sector.share, language),
            stretch: sector.stretch,
            judged: sector.judged,
          })
        : t('sector.briefing.stretchNone')}
    </p>
  );
}
