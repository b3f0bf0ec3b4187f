import { type ExportColumn, exportTable } from '../../components/ExportCsvButton';
import { ListExport } from '../../components/ListExport';
import { formatDate, useLanguage } from '../../format/language';
import { IllustrativeTag, type Milestone, MilestoneStateBadge, Slippage } from './MilestoneState';
import './milestones.css';

/**
 * Milestones as a table: planned, forecast and done dates, state and slippage as the server computed
 * them. The accessible form of the timeline, and the department page's list of its milestones.
 */
export function MilestoneTable({
  milestones,
  caption,
  showProject = false,
  captionHidden = false,
  exportName = 'milestones',
  total = milestones.length,
  wholeExport = null,
}: {
  milestones: readonly Milestone[];
  caption: string;
  showProject?: boolean;
  captionHidden?: boolean;
  /** The CSV file name for "Export CSV" (see exportFileName). */
  exportName?: string;
  /** How many milestones the list has when this is one page of it. */
  total?: number;
  /** The server's export of the whole list, for when it does not fit on one page. */
  wholeExport?: string | null;
}) {
  const { t, language } = useLanguage();
  // The CSV: the code apart from the name, dates as ISO dates, the slippage in days (late > 0).
  const exportColumns: ExportColumn<Milestone>[] = [
    { header: t('export.code'), value: (m) => m.code },
    { header: t('milestones.colMilestone'), value: (m) => m.name[language] },
    ...(showProject
      ? [{ header: t('milestones.colProject'), value: (m: Milestone) => m.project?.name[language] ?? '' }]
      : []),
    { header: t('milestones.colPlanned'), value: (m) => m.planned },
    { header: t('milestones.colForecast'), value: (m) => m.forecast },
    { header: t('milestones.colActual'), value: (m) => m.actual },
    { header: t('milestones.colState'), value: (m) => t(`milestoneState.${m.state}`) },
    { header: t('milestones.colSlippage'), value: (m) => m.slippageDays },
  ];
  return (
    <>
      <ListExport
        name={exportName}
        {...exportTable(exportColumns, milestones)}
        what={caption}
        total={total}
        whole={wholeExport}
      />
      <div className="table-scroll">
        <table className="data-table milestones-table">
          <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('milestones.colMilestone')}</th>
              {showProject && <th scope="col">{t('milestones.colProject')}</th>}
              <th scope="col">{t('milestones.colPlanned')}</th>
              <th scope="col">{t('milestones.colForecast')}</th>
              <th scope="col">{t('milestones.colActual')}</th>
              <th scope="col">{t('milestones.colState')}</th>
              <th scope="col">{t('milestones.colSlippage')}</th>
            </tr>
          </thead>
          <tbody>
            {milestones.map((milestone) => (
              <tr key={milestone.code} data-code={milestone.code} data-state={milestone.state}>
                <th scope="row" className="milestones-table-name">
                  <span className="code">{milestone.code}</span> {milestone.name[language]}{' '}
                  <IllustrativeTag source={milestone.source} />
                </th>
                {showProject && <td>{milestone.project?.name[language]}</td>}
                <td className="num">{formatDate(milestone.planned, language)}</td>
                <td className="num">{formatDate(milestone.forecast, language)}</td>
                <td className="num">{formatDate(milestone.actual, language)}</td>
                <td>
                  <MilestoneStateBadge state={milestone.state} />
                </td>
                <td className="num" data-slippage={milestone.slippageDays}>
                  <Slippage days={milestone.slippageDays} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
