import { Fragment, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ViewLink } from '../../components/ViewLink';
import { formatDate, useLanguage } from '../../format/language';
import { formatMoment } from '../../format/moments';
import { formatPercent, formatPeriod, formatValue } from '../../format/numbers';
import i18n, { setLanguage } from '../../i18n';
import { useView, type View } from '../../view/useView';
import { Commentary as BriefingCommentary } from '../directives/Commentary';
import { MilestoneStateBadge } from './MilestoneStateBadge';
import { MilestoneDate } from './SectorMilestones';
import { SectorNotFound } from './SectorNotFound';
import { SectorStatusCounts } from './SectorStatusCounts';
import { StretchShare } from './StretchShare';
import { type SectorBriefingData, slippageText, useSectorBriefing } from './useSector';
import './briefing.css';

/**
 * The printable sector briefing for the mayor's report meeting: one A4 page, outside the app
 * layout. Year and as-of come from the URL like every screen; the language from the stored choice,
 * or from `?lang=ko|en` when a link asks for one.
 */
export default function SectorBriefing() {
  const { code = '' } = useParams();
  const { view, yearsQuery } = useView();
  const { t } = useTranslation();
  useLanguageFromUrl();
  return (
    <div className="briefing-screen">
      <BriefingToolbar code={code} />
      <main className="briefing-sheet">
        {view ? (
          <BriefingContent view={view} code={code} />
        ) : (
          <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
            {() => <p className="state">{t('state.loading')}</p>}
          </QueryState>
        )}
      </main>
    </div>
  );
}

function useLanguageFromUrl() {
  const [params] = useSearchParams();
  const requested = params.get('lang');
  useEffect(() => {
    if ((requested === 'ko' || requested === 'en') && requested !== i18n.language) {
      void i18n.changeLanguage(requested);
      document.documentElement.lang = requested;
    }
  }, [requested]);
}

function BriefingToolbar({ code }: { code: string }) {
  const { t, language } = useLanguage();
  const [, setParams] = useSearchParams();
  const next = language === 'ko' ? 'en' : 'ko';
  const switchLanguage = () => {
    setLanguage(next);
    setParams((current) => {
      const updated = new URLSearchParams(current);
      updated.delete('lang');
      return updated;
    });
  };
  return (
    <nav className="briefing-toolbar" aria-label={t('sector.briefing.toolbar')}>
      <ViewLink to={`/sectors/${code.toUpperCase()}`} className="briefing-back">
        ← {t('sector.briefing.back')}
      </ViewLink>
      <div className="briefing-actions">
        <button
          type="button"
          className="briefing-button"
          lang={next}
          aria-label={t('language.switchToLabel')}
          onClick={switchLanguage}
        >
          {t('language.switchTo')}
        </button>
        <ViewLink to={`/sectors/${code.toUpperCase()}/meeting`} className="briefing-button briefing-meeting">
          {t('meeting.link')}
        </ViewLink>
        <button type="button" className="briefing-button briefing-print" onClick={() => window.print()}>
          {t('sector.briefing.print')}
        </button>
      </div>
    </nav>
  );
}

function BriefingContent({ view, code }: { view: View; code: string }) {
  const query = useSectorBriefing(view, code);
  if (query.error?.data?.code === 'NOT_FOUND')
    return <SectorNotFound code={code} year={view.year} org={view.org} />;
  return (
    <QueryState query={query}>{(briefing) => <BriefingBody detail={briefing} view={view} />}</QueryState>
  );
}

/**
 * The briefing as the server cut it to one page: the first headline results, the indicators
 * needing attention (off track first, then at risk, lowest attainment first) and the milestones of
 * the plan year or late, each with how many there are in all.
 */
function BriefingBody({ detail, view }: { detail: SectorBriefingData; view: View }) {
  const { t, language } = useLanguage();
  const headlines = detail.headlines.items;
  const attention = detail.attention.items;
  const groups = detail.milestones.groups;
  const shown = groups.reduce((sum, group) => sum + group.milestones.length, 0);
  const { relevant, total } = detail.milestones;
  const asOf = formatPeriod(detail.asOf, t);
  const format = (value: number | null, unit: string) => formatValue(value, unit, language, t);
  return (
    <article className="briefing" data-sector={detail.sector.code}>
      <title>{t('sector.briefing.documentTitle', { sector: detail.sector.name[language], asOf })}</title>
      <header className="briefing-header">
        <div>
          <p className="briefing-eyebrow">{t('sector.briefing.eyebrow', { year: detail.year })}</p>
          <h1>{detail.sector.name[language]}</h1>
          <p className="briefing-goal">
            <span className="label">{t('sector.goal')}</span> {detail.sector.goal[language]}
          </p>
        </div>
        <div className="briefing-summary">
          <p className="briefing-as-of">{t('sector.briefing.asOf', { asOf })}</p>
          <p className="briefing-score">
            <span className="label">{t('sector.score')}</span>
            <strong>
              {detail.score === null ? t('sector.noScore') : formatPercent(detail.score, language)}
            </strong>
          </p>
          <p className="muted">{t('sector.indicatorCount', { count: detail.indicatorCount })}</p>
          <StretchShare view={view} code={detail.sector.code} />
        </div>
        <div className="briefing-counts">
          <SectorStatusCounts counts={detail.statusCounts} />
        </div>
      </header>

      <section aria-labelledby="briefing-results-title">
        <h2 id="briefing-results-title">{t('sector.briefing.keyResults')}</h2>
        {headlines.length === 0 ? (
          <p className="muted">{t('sector.briefing.keyResultsEmpty')}</p>
        ) : (
          <ul className="briefing-results">
            {headlines.map((indicator) => (
              <li key={indicator.code} data-code={indicator.code}>
                <span className="briefing-result-name">{indicator.name[language]}</span>
                <strong className="briefing-result-figure">
                  {t('sector.briefing.actualOfTarget', {
                    actual: format(indicator.figures.actualToDate, indicator.unit),
                    target: format(indicator.annualTarget, indicator.unit),
                  })}
                </strong>
                <span className="briefing-result-detail">
                  {t('sector.briefing.keyResultDetail', {
                    attainment: formatPercent(indicator.figures.attainment, language),
                    forecast: format(indicator.figures.forecastYearEnd, indicator.unit),
                  })}
                </span>
                <StatusBadge status={indicator.figures.status} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {detail.revisions.length > 0 && (
        <section aria-labelledby="briefing-revisions-title">
          <h2 id="briefing-revisions-title">{t('sector.briefing.revisions')}</h2>
          <ul className="briefing-revisions">
            {detail.revisions.map((revision) => (
              <li key={`${revision.code}-${revision.period}`} data-code={revision.code}>
                {t('sector.briefing.revision', {
                  name: revision.name[language],
                  original: format(revision.original, revision.unit),
                  revised: format(revision.revised, revision.unit),
                  date: formatMoment(revision.revisedAt, language),
                  reason: revision.reason,
                })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="briefing-attention-title">
        <h2 id="briefing-attention-title">{t('sector.briefing.attention')}</h2>
        {attention.length === 0 ? (
          <p className="muted">{t('sector.briefing.attentionEmpty')}</p>
        ) : (
          <table className="briefing-table briefing-attention">
            <thead>
              <tr>
                <th scope="col">{t('sector.briefing.colIndicator')}</th>
                <th scope="col">{t('sector.briefing.colStatus')}</th>
                <th scope="col">{t('sector.briefing.colOwner')}</th>
                <th scope="col" className="num">
                  {t('sector.briefing.colAttainment')}
                </th>
                <th scope="col" className="num">
                  {t('sector.briefing.colActual')}
                </th>
                <th scope="col" className="num">
                  {t('sector.briefing.colForecast')}
                </th>
              </tr>
            </thead>
            <tbody>
              {attention.map((indicator) => (
                <Fragment key={indicator.code}>
                  <tr data-code={indicator.code}>
                    <th scope="row">{indicator.name[language]}</th>
                    <td>
                      <StatusBadge status={indicator.figures.status} />
                    </td>
                    <td>{indicator.department.name[language]}</td>
                    <td className="num">{formatPercent(indicator.figures.attainment, language)}</td>
                    <td className="num">
                      {format(indicator.figures.actualToDate, indicator.unit)} /{' '}
                      {format(indicator.figures.targetToDate, indicator.unit)}
                    </td>
                    <td className="num">{format(indicator.figures.forecastYearEnd, indicator.unit)}</td>
                  </tr>
                  {detail.commentary[indicator.code] && (
                    <tr className="briefing-commentary" data-commentary={indicator.code}>
                      <td colSpan={6}>
                        <BriefingCommentary commentary={detail.commentary[indicator.code]} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
        {detail.attention.total > attention.length && (
          <p className="briefing-note">
            {t('sector.briefing.andMore', { count: detail.attention.total - attention.length })}
          </p>
        )}
      </section>

      <section aria-labelledby="briefing-milestones-title">
        <h2 id="briefing-milestones-title">
          {t('sector.briefing.milestones')}
          {total > 0 && (
            <span className="briefing-note">
              {' '}
              {shown < relevant
                ? t('sector.briefing.milestonesCut', { year: detail.year, shown, relevant, count: total })
                : t('sector.briefing.milestonesNote', { year: detail.year, shown, count: total })}
            </span>
          )}
        </h2>
        {groups.length === 0 ? (
          <p className="muted">{t('sector.milestones.empty')}</p>
        ) : (
          <table className="briefing-table briefing-milestones">
            <thead>
              <tr>
                <th scope="col">{t('sector.milestones.colMilestone')}</th>
                <th scope="col" className="num">
                  {t('sector.milestones.colPlanned')}
                </th>
                <th scope="col" className="num">
                  {t('sector.milestones.colActual')}
                </th>
                <th scope="col">{t('sector.milestones.colState')}</th>
                <th scope="col" className="num">
                  {t('sector.milestones.colSlippage')}
                </th>
              </tr>
            </thead>
            {groups.map(({ track, milestones }) => (
              <tbody key={track.project.code}>
                <tr className="briefing-group">
                  <th scope="colgroup" colSpan={5}>
                    {track.project.name[language]} · {track.department.name[language]}
                  </th>
                </tr>
                {milestones.map((milestone) => (
                  <tr key={milestone.code} data-code={milestone.code}>
                    <th scope="row">{milestone.name[language]}</th>
                    <td className="num">{formatDate(milestone.planned, language)}</td>
                    <td className="num">
                      <MilestoneDate milestone={milestone} />
                    </td>
                    <td>
                      <MilestoneStateBadge state={milestone.state} />
                    </td>
                    <td className={`num${milestone.slippageDays > 0 ? ' briefing-late' : ''}`}>
                      {slippageText(milestone.slippageDays, milestone.state, t)}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        )}
      </section>

      <footer className="briefing-footer">{t('sector.briefing.footer', { asOf })}</footer>
    </article>
  );
}
