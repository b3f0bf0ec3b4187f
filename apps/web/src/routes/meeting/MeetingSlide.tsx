import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, useLanguage } from '../../format/language';
import { formatPercent, formatValue } from '../../format/numbers';
import { Commentary } from '../directives/Commentary';
import { SectorStatusCounts } from '../sector/SectorStatusCounts';
import { MeetingDirective, type Recorded } from './MeetingDirective';
import type { Meeting } from './MeetingPage';

type Slide = Meeting['slides'][number];

/** The first slide: the sector at a glance, and where its slipping indicators are in the deck. */
export function OverviewSlide({
  meeting,
  onGo,
}: {
  meeting: Meeting;
  onGo: (to: { slide: number }) => void;
}) {
  const { t, language } = useLanguage();
  const slipping = meeting.slides
    .map((slide, index) => ({ slide, number: index + 2 }))
    .filter(({ slide }) => slide.figures.status === 'off_track' || slide.figures.status === 'at_risk');
  return (
    <article className="meeting-slide meeting-overview" data-slide="overview">
      <p className="meeting-eyebrow">{t('meeting.overview.eyebrow', { year: meeting.year })}</p>
      <h1>{meeting.sector.name[language]}</h1>
      <p className="meeting-goal">{meeting.sector.goal[language]}</p>
      <div className="meeting-overview-figures">
        <p className="meeting-score">
          <span className="meeting-label">{t('sector.score')}</span>
          <strong>
            {meeting.score === null ? t('sector.noScore') : formatPercent(meeting.score, language)}
          </strong>
        </p>
        <SectorStatusCounts counts={meeting.statusCounts} />
      </div>
      {meeting.slides.length === 0 && <p>{t('meeting.empty')}</p>}
      {meeting.indicatorTotal > meeting.slides.length && (
        <p className="meeting-muted">
          {t('meeting.overview.cut', { count: meeting.indicatorTotal - meeting.slides.length })}
        </p>
      )}
      {slipping.length === 0 ? (
        meeting.slides.length > 0 && <p>{t('meeting.overview.attentionNone')}</p>
      ) : (
        <section aria-labelledby="meeting-attention">
          <h2 id="meeting-attention">{t('meeting.overview.attention', { count: slipping.length })}</h2>
          <ul className="meeting-attention">
            {slipping.map(({ slide, number }) => (
              <li key={slide.code}>
                <StatusBadge status={slide.figures.status} />
                <button type="button" className="meeting-jump" onClick={() => onGo({ slide: number })}>
                  {slide.name[language]}
                </button>
                <span className="meeting-muted">{t('meeting.overview.slide', { number })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

/** One indicator: its figure on the left, its commentary and open actions beside it, the directive form on demand. */
export function IndicatorSlide({
  meeting,
  slide,
  directing,
  onDirect,
  recorded,
  onRecorded,
}: {
  meeting: Meeting;
  slide: Slide;
  directing: boolean;
  onDirect: (open: boolean) => void;
  recorded: Recorded[];
  onRecorded: (directive: Recorded) => void;
}) {
  const { t, language } = useLanguage();
  const { figures } = slide;
  const format = (value: number | null) => formatValue(value, slide.unit, language, t);
  const overdue = slide.actions.some((a) => a.overdue);
  return (
    <article
      className={`meeting-slide meeting-indicator meeting-${figures.status}`}
      data-slide={slide.code}
      aria-labelledby="meeting-indicator-name"
    >
      <section className="meeting-figure">
        <p className="meeting-eyebrow">
          {slide.strategy.name[language]} · {slide.project.name[language]}
        </p>
        <h1 id="meeting-indicator-name">
          <span className="meeting-code">{slide.code}</span> {slide.name[language]}
        </h1>
        <p className="meeting-owner">
          {t('meeting.slide.owner', { department: slide.department.name[language] })}
        </p>
        <StatusBadge status={figures.status} />
        <p className="meeting-big">
          {t('meeting.slide.actualOfTarget', {
            actual: format(figures.actualToDate),
            target: format(figures.targetToDate),
          })}
        </p>
        <p className="meeting-muted">{t('meeting.slide.toDate')}</p>
        <dl className="meeting-numbers">
          <div>
            <dt>{t('meeting.slide.attainment')}</dt>
            <dd>{formatPercent(figures.attainment, language)}</dd>
          </div>
          <div>
            <dt>{t('meeting.slide.annualTarget')}</dt>
            <dd>{format(slide.annualTarget)}</dd>
          </div>
          <div>
            <dt>{t('meeting.slide.forecast')}</dt>
            <dd>{format(figures.forecastYearEnd)}</dd>
          </div>
        </dl>
        {meeting.mayDirect && !directing && (
          <button type="button" className="meeting-direct" onClick={() => onDirect(true)}>
            {t('meeting.direct.open')}
          </button>
        )}
      </section>
      <aside className="meeting-beside">
        {directing ? (
          <MeetingDirective
            meeting={meeting}
            slide={slide}
            onCancel={() => onDirect(false)}
            onRecorded={onRecorded}
          />
        ) : (
          <>
            <section aria-labelledby="meeting-commentary">
              <h2 id="meeting-commentary">{t('meeting.slide.commentary')}</h2>
              {slide.commentary ? (
                <Commentary commentary={slide.commentary} />
              ) : (
                <p className="meeting-muted">{t('meeting.slide.noCommentary')}</p>
              )}
            </section>
            {meeting.showsActions && (
              <section
                aria-labelledby="meeting-actions"
                className={overdue ? 'meeting-actions has-overdue-action' : 'meeting-actions'}
              >
                <h2 id="meeting-actions">{t('meeting.slide.actions')}</h2>
                {slide.actions.length === 0 ? (
                  <p className="meeting-muted">{t('meeting.slide.noActions')}</p>
                ) : (
                  <ul>
                    {slide.actions.map((action) => (
                      <li
                        key={action.id}
                        data-action={action.id}
                        className={action.overdue ? 'meeting-overdue' : undefined}
                      >
                        <span>{action.title}</span>{' '}
                        <span className="meeting-muted">
                          {action.department.name[language]} ·{' '}
                          {t('meeting.slide.due', { date: formatDate(action.dueDate, language) })}
                        </span>
                        {action.overdue && (
                          <strong className="meeting-overdue-mark">{t('meeting.slide.overdue')}</strong>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            )}
          </>
        )}
        {recorded.length > 0 && (
          <section aria-labelledby="meeting-recorded" className="meeting-recorded">
            <h2 id="meeting-recorded">{t('meeting.slide.recorded')}</h2>
            <ul>
              {recorded.map((directive) => (
                <li key={directive.id} data-directive={directive.id}>
                  {directive.content}{' '}
                  <span className="meeting-muted">
                    {directive.department} ·{' '}
                    {t('meeting.slide.due', { date: formatDate(directive.dueDate, language) })}
                  </span>
                </li>
              ))}
            </ul>
            <p role="status" className="meeting-done">
              {t('meeting.direct.done', {
                id: recorded.at(-1)?.id,
                department: recorded.at(-1)?.department,
              })}
            </p>
          </section>
        )}
      </aside>
    </article>
  );
}
