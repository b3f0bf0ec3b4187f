import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ViewLink } from '../../components/ViewLink';
import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import { errorText } from '../../format/problems';
import { useTRPC } from '../../trpc';
import { useView, type View } from '../../view/useView';
import { IndicatorFollowThrough } from '../directives/IndicatorFollowThrough';
import type { IndicatorDetail } from './detail';
import { IndicatorAudit } from './IndicatorAudit';
import { Definition, KeyFigures, PlainWords } from './IndicatorFigures';
import { MeasurementsTable, MilestonesTable, SeriesTable } from './IndicatorTables';
import { IndicatorYearsSection } from './IndicatorYears';
import { RevisedTargets } from './RevisedTargets';
import './indicator.css';

const IndicatorSeriesChart = lazy(() => import('./IndicatorSeriesChart'));

/** What the API accepts as a code; anything else cannot name an indicator. */
const CODE = /^[A-Za-z0-9-]{1,32}$/;

/** One indicator: where it stands as of the chosen month, where it is heading, and every value reported. */
export default function IndicatorPage() {
  const { code = '' } = useParams();
  const { view, yearsQuery } = useView();
  const { t } = useLanguage();
  if (!view) {
    return (
      <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
        {() => <p className="state">{t('state.loading')}</p>}
      </QueryState>
    );
  }
  if (!CODE.test(code)) return <IndicatorNotFound code={code} year={view.year} />;
  return <IndicatorContent view={view} code={code.toUpperCase()} />;
}

function IndicatorContent({ view, code }: { view: View; code: string }) {
  const trpc = useTRPC();
  const { t } = useLanguage();
  const query = useQuery(
    trpc.indicators.detail.queryOptions(
      { ...view, code },
      {
        // Keep the figures on screen while another month loads, but never show another indicator's.
        placeholderData: (previous) => (previous?.indicator.code === code ? previous : undefined),
        retry: (failures, error) => error.data?.code !== 'NOT_FOUND' && failures < 1,
      },
    ),
  );
  if (query.isError && query.error.data?.problem?.code === 'indicator_retired_on') {
    return (
      <section className="not-found indicator-not-found" role="alert">
        <h1>{t('indicator.retired.title')}</h1>
        <p>{errorText(t, query.error)}</p>
        <Link to="/">{t('indicator.notFound.back')}</Link>
      </section>
    );
  }
  if (query.isError && query.error.data?.code === 'NOT_FOUND') {
    return <IndicatorNotFound code={code} year={view.year} />;
  }
  return (
    <QueryState query={query}>
      {(detail) => <IndicatorBody detail={detail} drafts={view.drafts === true} />}
    </QueryState>
  );
}

function IndicatorNotFound({ code, year }: { code: string; year: number }) {
  const { t } = useLanguage();
  return (
    <section className="not-found indicator-not-found" role="alert">
      <h1>{t('indicator.notFound.title')}</h1>
      <p>{t('indicator.notFound.body', { code, year })}</p>
      <Link to="/">{t('indicator.notFound.back')}</Link>
    </section>
  );
}

/**
 * The page asked with `drafts` (the plan editor's link to a draft's indicator): the plan may be a
 * draft, which the page says beside the title, as the plan editor does; its years include drafts.
 */
function IndicatorBody({ detail, drafts }: { detail: IndicatorDetail; drafts: boolean }) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const { indicator } = detail;
  const years = useQuery({ ...trpc.plan.years.queryOptions({ drafts: true }), enabled: drafts });
  const isDraft = drafts && (years.data?.drafts ?? []).includes(detail.year);
  return (
    <article className="indicator" data-code={indicator.code}>
      <nav aria-label={t('indicator.breadcrumb')} className="indicator-breadcrumbs">
        <ol>
          <li>
            <span className="visually-hidden">{t('indicator.facts.sector')}: </span>
            <ViewLink to={`/sectors/${indicator.sector.code}`}>{indicator.sector.name[language]}</ViewLink>
          </li>
          <li>
            <span className="visually-hidden">{t('indicator.facts.strategy')}: </span>
            {indicator.strategy.name[language]}
          </li>
          <li>
            <span className="visually-hidden">{t('indicator.facts.project')}: </span>
            {indicator.project.name[language]}
          </li>
        </ol>
      </nav>

      <header className="indicator-header">
        <p className="eyebrow">{t('indicator.eyebrow', { asOf: formatPeriod(detail.asOf, t) })}</p>
        <h1 id="indicator-title">
          <span className="code indicator-code">{indicator.code}</span> {indicator.name[language]}
        </h1>
        <StatusBadge status={indicator.figures.status} />
        {isDraft && (
          <p className="indicator-draft" role="note">
            <span className="indicator-draft-badge">{t('indicator.draft.badge')}</span>{' '}
            {t('indicator.draft.note', { year: detail.year })}
          </p>
        )}
      </header>

      <KeyFigures detail={detail} />
      <RevisedTargets detail={detail} />
      <PlainWords detail={detail} />

      <Suspense fallback={<p className="state">{t('state.loading')}</p>}>
        <IndicatorSeriesChart detail={detail} />
      </Suspense>
      <SeriesTable detail={detail} />
      <IndicatorYearsSection code={indicator.code} drafts={drafts} />

      {indicator.aggregation === 'milestones' ? (
        <MilestonesTable detail={detail} />
      ) : (
        <MeasurementsTable detail={detail} />
      )}

      <IndicatorFollowThrough detail={detail} />

      <Definition indicator={indicator} />

      <IndicatorAudit year={detail.year} code={indicator.code} unit={indicator.unit} />
    </article>
  );
}
