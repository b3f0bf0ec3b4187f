import { useQuery } from '@tanstack/react-query';
import { ViewLink } from '../../components/ViewLink';
import { useLanguage } from '../../format/language';
import { useTRPC } from '../../trpc';

/** An unknown sector code: say so plainly and offer the plan's sectors (the public view's organisation's) instead. */
export function SectorNotFound({
  code,
  year,
  org,
}: {
  code: string;
  year: number;
  org?: string | undefined;
}) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const sectors = useQuery(trpc.sectors.list.queryOptions({ year, ...(org ? { org } : {}) }));
  return (
    <section className="sector-not-found" role="alert" aria-labelledby="sector-not-found-title">
      <h1 id="sector-not-found-title">{t('sector.notFound.title')}</h1>
      <p>{t('sector.notFound.body', { code, year })}</p>
      {sectors.data && (
        <ul aria-label={t('sector.notFound.sectors')}>
          {sectors.data.map((sector) => (
            <li key={sector.code}>
              <ViewLink to={`/sectors/${sector.code}`}>{sector.name[language]}</ViewLink>
            </li>
          ))}
        </ul>
      )}
      <ViewLink to="/">{t('sector.notFound.back')}</ViewLink>
    </section>
  );
}
