import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useSearchParams } from 'react-router';
import { useSession } from '../auth/useSession';
import { useLanguage } from '../format/language';
import { setLanguage } from '../i18n';
import { useTRPC } from '../trpc';
import { useView } from '../view/useView';
import { AsOfPicker } from './AsOfPicker';
import { InboxNavLink } from './InboxNavLink';
import { UserMenu } from './UserMenu';

/** The view parameters (year, as-of, organisation) carried by every navigation link. */
function useCarriedSearch() {
  const [params] = useSearchParams();
  const carried = new URLSearchParams();
  for (const key of ['year', 'asOf', 'org']) {
    const value = params.get(key);
    if (value) carried.set(key, value);
  }
  const text = carried.toString();
  return text ? `?${text}` : '';
}

function SectorNav() {
  const trpc = useTRPC();
  const { view } = useView();
  const { t, language } = useLanguage();
  const search = useCarriedSearch();
  const sectors = useQuery({
    ...trpc.sectors.list.queryOptions({ year: view?.year ?? 0, ...(view?.org ? { org: view.org } : {}) }),
    enabled: view !== null,
  });
  if (!sectors.data) return null;
  return (
    <nav aria-label={t('nav.sectors')} className="sector-nav">
      {sectors.data.map((sector) => (
        <NavLink key={sector.code} to={`/sectors/${sector.code}${search}`}>
          {sector.name[language]}
        </NavLink>
      ))}
    </nav>
  );
}

export function Layout() {
  const { t, i18n } = useTranslation();
  const search = useCarriedSearch();
  const session = useSession().data;
  const role = session?.user?.role;
  // A metropolitan city's executives and administrators compare its districts.
  const comparesDistricts =
    session?.organisation?.kind === 'metropolitan' && (role === 'executive' || role === 'admin');
  const next = i18n.language === 'ko' ? 'en' : 'ko';
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">
            {session?.organisation?.kind === 'district'
              ? t('app.districtTagline', {
                  organisation: session.organisation.name[i18n.language === 'en' ? 'en' : 'ko'],
                })
              : t('app.tagline')}
          </span>
        </div>
        <nav aria-label={t('nav.label')} className="app-nav">
          <NavLink to={`/${search}`} end>
            {t('nav.overview')}
          </NavLink>
          <NavLink to={`/milestones${search}`}>{t('nav.milestones')}</NavLink>
          {/* Citizens on the public view see the overview, sectors and milestones only. */}
          {role && (
            <NavLink to={`/indicators${search}`} end>
              {t('nav.indicators')}
            </NavLink>
          )}
          {role && <NavLink to={`/departments${search}`}>{t('nav.departments')}</NavLink>}
          {comparesDistricts && <NavLink to={`/districts${search}`}>{t('nav.districts')}</NavLink>}
          {(role === 'bureau_head' || role === 'admin') && (
            <NavLink to={`/report${search}`}>{t('nav.report')}</NavLink>
          )}
          {(role === 'bureau_head' || role === 'admin') && (
            <NavLink to={`/import${search}`}>{t('nav.import')}</NavLink>
          )}
          {(role === 'approver' || role === 'admin') && (
            <NavLink to={`/approvals${search}`}>{t('nav.approvals')}</NavLink>
          )}
          {/* The policy's `propose` permission: the planning office, administrators, bureau heads. */}
          {(role === 'approver' || role === 'admin' || role === 'bureau_head') && (
            <NavLink to={`/plan${search}`}>{t('nav.plan')}</NavLink>
          )}
          {role && <InboxNavLink search={search} />}
          {role && <NavLink to={`/directives${search}`}>{t('directives.nav')}</NavLink>}
          {role && <NavLink to="/account">{t('nav.account')}</NavLink>}
        </nav>
        <div className="app-controls">
          <AsOfPicker />
          <button
            type="button"
            className="language-switch"
            lang={next}
            aria-label={t('language.switchToLabel')}
            onClick={() => setLanguage(next)}
          >
            {t('language.switchTo')}
          </button>
          <UserMenu />
        </div>
      </header>
      <SectorNav />
      <main id="main" className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
