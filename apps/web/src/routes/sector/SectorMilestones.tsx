import type { ReactNode } from 'react';
import { type ExportColumn, ExportCsvButton, exportTable } from '../../components/ExportCsvButton';
import { ViewLink } from '../../components/ViewLink';
import { formatDate, useLanguage } from '../../format/language';
import { MilestoneStateBadge } from './MilestoneStateBadge';
import { type SectorMilestone, type SectorTrack, slippageText } from './useSector';

/**
 * The sector's milestone tracks (a page of them), one table per project: planned against done or
 * expected dates, state, slippage.
 */
export function SectorMilestones({
  tracks,
  total,
  pager,
  fileName,
}: {
  tracks: SectorTrack[];
  /** How many tracks the sector has in all. */
  total: number;
  /** The way to the other pages of tracks. */
  pager: ReactNode;
  /** The CSV file name of a project's table, given the project code. */
  fileName: (project: string) => string;
}) {
  const { t, language } = useLanguage();
  // The CSV: the code apart from the name, dates as ISO dates, the slippage in days (late > 0).
  const exportColumns: ExportColumn<SectorMilestone>[] = [
    { header: t('export.code'), value: (m) => m.code },
    { header: t('sector.milestones.colMilestone'), value: (m) => m.name[language] },
    { header: t('sector.milestones.colPlanned'), value: (m) => m.planned },
    { header: t('sector.milestones.colActual'), value: (m) => m.actual ?? m.forecast ?? m.expected },
    { header: t('sector.milestones.colState'), value: (m) => t(`milestoneState.${m.state}`) },
    { header: t('sector.milestones.colSlippage'), value: (m) => m.slippageDays },
  ];
  return (
    <section className="sector-milestones" aria-labelledby="sector-milestones-title">
      <h2 id="sector-milestones-title">{t('sector.milestones.title')}</h2>
      <p className="chart-description">{t('sector.milestones.description')}</p>
      {total === 0 ? (
        <p className="state state-empty">{t('sector.milestones.empty')}</p>
      ) : (
        tracks.map((track) => (
          <article key={track.project.code} className="sector-track" data-project={track.project.code}>
            <h3>
              <span className="code">{track.project.code}</span> {track.project.name[language]}
            </h3>
            <p className="muted">
              <ViewLink to={`/departments/${track.department.code}`}>
                {track.department.name[language]}
              </ViewLink>
              {' · '}
              {t('sector.milestones.progress', {
                done: track.doneCount,
                count: track.milestoneCount,
                overdue: track.overdueCount,
                slipping: track.slippingCount,
              })}
            </p>
            <ExportCsvButton
              name={fileName(track.project.code)}
              {...exportTable(exportColumns, track.milestones)}
              what={t('sector.milestones.caption', { project: track.project.name[language] })}
            />
            <div className="table-scroll">
              <table className="data-table sector-milestone-table">
                <caption className="visually-hidden">
                  {t('sector.milestones.caption', { project: track.project.name[language] })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sector.milestones.colMilestone')}</th>
                    <th scope="col">{t('sector.milestones.colPlanned')}</th>
                    <th scope="col">{t('sector.milestones.colActual')}</th>
                    <th scope="col">{t('sector.milestones.colState')}</th>
                    <th scope="col">{t('sector.milestones.colSlippage')}</th>
                  </tr>
                </thead>
                <tbody>
                  {track.milestones.map((milestone) => (
                    <MilestoneRow key={milestone.code} milestone={milestone} />
                  ))}
                </tbody>
              </table>
            </div>
          </article>
        ))
      )}
      {pager}
    </section>
  );
}

function MilestoneRow({ milestone }: { milestone: SectorMilestone }) {
  const { t, language } = useLanguage();
  return (
    <tr data-code={milestone.code} data-state={milestone.state}>
      <th scope="row">
        <span className="code">{milestone.code}</span> {milestone.name[language]}
      </th>
      <td className="sector-date">{formatDate(milestone.planned, language)}</td>
      <td className="sector-date">
        <MilestoneDate milestone={milestone} />
      </td>
      <td>
        <MilestoneStateBadge state={milestone.state} />
      </td>
      <td className={`num sector-slippage${milestone.slippageDays > 0 ? ' is-late' : ''}`}>
        {slippageText(milestone.slippageDays, milestone.state, t)}
      </td>
    </tr>
  );
}

/** The date done when done, else the expected date marked as such. */
export function MilestoneDate({ milestone }: { milestone: SectorMilestone }) {
  const { t, language } = useLanguage();
  if (milestone.actual) return <>{formatDate(milestone.actual, language)}</>;
  return (
    <span className="muted">
      {t('sector.milestones.forecastPrefix')} {formatDate(milestone.forecast ?? milestone.expected, language)}
    </span>
  );
}
