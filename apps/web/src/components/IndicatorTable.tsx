import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  type SortingState,
  type Updater,
  useReactTable,
} from '@tanstack/react-table';
import { Fragment, useMemo } from 'react';
import { useLanguage } from '../format/language';
import { formatPercent, formatPeriod, formatValue } from '../format/numbers';
import type { IndicatorRow, IndicatorSort } from '../trpc';
import type { Order } from '../view/usePaging';
import { type ExportColumn, exportTable, percentCell } from './ExportCsvButton';
import { ListExport } from './ListExport';
import { SortableHead } from './SortableTable';
import { Sparkline } from './Sparkline';
import { StatusBadge } from './StatusBadge';
import { ViewLink } from './ViewLink';
import './indicator-table.css';

const column = createColumnHelper<IndicatorRow>();

/** The column each server order sorts, and back. */
const COLUMN_OF: Partial<Record<IndicatorSort, string>> = {
  code: 'name',
  status: 'status',
  attainment: 'attainment',
  actual: 'actual',
  forecast: 'forecast',
};
const SORT_OF: Record<string, IndicatorSort> = Object.fromEntries(
  Object.entries(COLUMN_OF).map(([sort, id]) => [id, sort as IndicatorSort]),
);

/**
 * One page of indicators with their figures, sorted by the server: a heading's button (click, or
 * Enter/Space) asks for the list in that order, kept in the URL. In plan order, each project's rows
 * follow a heading row naming its strategy and project. Used by the sector, department and
 * indicator list screens.
 */
export function IndicatorTable({
  indicators,
  total,
  caption,
  sort,
  order,
  onSort,
  showOwner = true,
  groupByProject = false,
  exportName = 'indicators',
  wholeExport,
  busy = false,
}: {
  indicators: IndicatorRow[];
  /** How many indicators the list has in all pages. */
  total: number;
  caption: string;
  sort: IndicatorSort;
  order: Order;
  onSort: (sort: IndicatorSort, order: Order) => void;
  showOwner?: boolean;
  groupByProject?: boolean;
  /** The CSV file name for "Export CSV" (see exportFileName): screen, year, as-of, filters, language. */
  exportName?: string;
  /** The server's export of the whole list, for when it does not fit on one page. */
  wholeExport: string | null;
  /** Another page or order is on its way: the rows shown are the previous ones. */
  busy?: boolean;
}) {
  const { t, language } = useLanguage();
  const columns = useMemo(
    () => [
      column.accessor((i) => i.name[language], {
        id: 'name',
        header: t('table.indicator'),
        cell: (cell) => (
          <ViewLink to={`/indicators/${cell.row.original.code}`}>
            <span className="code">{cell.row.original.code}</span> {cell.getValue()}
          </ViewLink>
        ),
      }),
      column.accessor((i) => i.figures.status, {
        id: 'status',
        header: t('table.status'),
        cell: (cell) => <StatusBadge status={cell.row.original.figures.status} />,
      }),
      column.accessor((i) => i.figures.attainment, {
        id: 'attainment',
        header: t('table.attainment'),
        cell: (cell) => formatPercent(cell.row.original.figures.attainment, language),
        meta: { numeric: true },
      }),
      column.accessor((i) => i.figures.actualToDate, {
        id: 'actual',
        header: t('table.actualVsTarget'),
        cell: (cell) => {
          const { figures, unit } = cell.row.original;
          return (
            <>
              <span className="figure">{formatValue(figures.actualToDate, unit, language, t)}</span>{' '}
              <span className="muted">/ {formatValue(figures.targetToDate, unit, language, t)}</span>
            </>
          );
        },
        meta: { numeric: true },
      }),
      column.accessor((i) => i.figures.forecastYearEnd, {
        id: 'forecast',
        header: t('table.forecast'),
        cell: (cell) => {
          const { figures, unit, annualTarget } = cell.row.original;
          if (figures.forecastYearEnd === null) return '–';
          return (
            <>
              <span className="figure">{formatValue(figures.forecastYearEnd, unit, language, t)}</span>{' '}
              <span className="muted">
                ({figures.forecastMeetsTarget ? t('table.meetsTarget') : t('table.missesTarget')}{' '}
                {formatValue(annualTarget, unit, language, t)})
              </span>
            </>
          );
        },
        meta: { numeric: true },
      }),
      ...(showOwner
        ? [
            column.accessor((i) => i.department.name[language], {
              id: 'owner',
              header: t('table.owner'),
              enableSorting: false,
              cell: (cell) => (
                <ViewLink to={`/departments/${cell.row.original.department.code}`}>
                  {cell.getValue()}
                </ViewLink>
              ),
            }),
          ]
        : []),
      column.accessor((i) => i.figures.lastPeriod ?? '', {
        id: 'lastPeriod',
        header: t('table.lastPeriod'),
        enableSorting: false,
        cell: (cell) => formatPeriod(cell.row.original.figures.lastPeriod, t),
      }),
      column.display({
        id: 'trend',
        header: t('table.trend'),
        cell: (cell) => <Sparkline values={cell.row.original.trend} />,
      }),
    ],
    [t, language, showOwner],
  );
  // The CSV holds the columns shown, raw: the code apart from the name, actual and target apart,
  // the unit in its own column, the annual target beside the forecast; the sparkline is left out.
  const exportColumns = useMemo(
    (): ExportColumn<IndicatorRow>[] => [
      { header: t('export.code'), value: (i) => i.code },
      { header: t('table.indicator'), value: (i) => i.name[language] },
      { header: t('table.status'), value: (i) => t(`status.${i.figures.status}`) },
      { header: t('table.attainment'), value: (i) => percentCell(i.figures.attainment) },
      { header: t('export.actualToDate'), value: (i) => i.figures.actualToDate },
      { header: t('export.targetToDate'), value: (i) => i.figures.targetToDate },
      { header: t('table.forecast'), value: (i) => i.figures.forecastYearEnd },
      { header: t('export.annualTarget'), value: (i) => i.annualTarget },
      { header: t('export.unit'), value: (i) => t(`units.${i.unit}`, { defaultValue: i.unit }) },
      ...(showOwner
        ? [{ header: t('table.owner'), value: (i: IndicatorRow) => i.department.name[language] }]
        : []),
      { header: t('table.lastPeriod'), value: (i) => i.figures.lastPeriod },
    ],
    [t, language, showOwner],
  );
  const columnId = COLUMN_OF[sort];
  const sorting: SortingState = columnId ? [{ id: columnId, desc: order === 'desc' }] : [];
  const table = useReactTable({
    data: indicators,
    columns,
    state: { sorting },
    manualSorting: true,
    sortDescFirst: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = typeof updater === 'function' ? updater(sorting) : updater;
      const nextSort = next ? SORT_OF[next.id] : undefined;
      if (next && nextSort) onSort(nextSort, next.desc ? 'desc' : 'asc');
      else onSort('plan', 'asc');
    },
    getRowId: (row) => row.code,
    getCoreRowModel: getCoreRowModel(),
  });
  const shown = exportTable(exportColumns, indicators);
  const grouped = groupByProject && sort === 'plan';
  const width = table.getVisibleLeafColumns().length;
  return (
    <>
      <ListExport
        name={exportName}
        header={shown.header}
        rows={shown.rows}
        what={caption}
        total={total}
        whole={wholeExport}
      />
      <div className="table-scroll">
        <table className="data-table indicator-table" aria-busy={busy}>
          <caption>
            {caption} <span className="muted">({t('table.sortHint')})</span>
          </caption>
          <SortableHead table={table} />
          <tbody>
            {table.getRowModel().rows.map((row, index, rows) => {
              const { project, strategy } = row.original;
              const startsProject = grouped && rows[index - 1]?.original.project.code !== project.code;
              return (
                <Fragment key={row.id}>
                  {startsProject && (
                    <tr className="indicator-group" data-project={project.code}>
                      <th scope="colgroup" colSpan={width}>
                        <span className="code">{strategy.code}</span> {strategy.name[language]}
                        <span aria-hidden="true"> › </span>
                        <span className="code">{project.code}</span> {project.name[language]}
                      </th>
                    </tr>
                  )}
                  <tr data-code={row.original.code}>
                    {row.getVisibleCells().map((cell) => (
                      <td
                        key={cell.id}
                        className={
                          (cell.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric
                            ? 'num'
                            : undefined
                        }
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
