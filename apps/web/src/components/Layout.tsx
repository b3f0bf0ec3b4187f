import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useSearchParams } from 'react-router';
import { setLanguage } from '../i18n';
import { AsOfPicker } from './AsOfPicker';

export function Layout() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const search = params.toString() ? `?${params.toString()}` : '';
  const next = i18n.language === 'ko' ? 'en' : 'ko';
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('nav.label')} className="app-nav">
          <NavLink to={`/${search}`} end>
            {t('nav.overview')}
          </NavLink>
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
        </div>
      </header>
      <main id="main" className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
