import {
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useLanguage } from '../format/language';
import { formatPercent, formatPeriod, formatValue } from '../format/numbers';
import type { IndicatorView, Status } from '../trpc';
import { type ExportColumn, ExportCsvButton, exportTable, percentCell } from './ExportCsvButton';
import { SortableHead, TableRows } from './SortableTable';
import { Sparkline } from './Sparkline';
import { StatusBadge } from './StatusBadge';
import { ViewLink } from './ViewLink';

const STATUS_ORDER: Record<Status, number> = { off_track: 0, at_risk: 1, on_track: 2, no_data: 3 };
const column = createColumnHelper<IndicatorView>();

/**
 * Indicators with their computed figures, sortable by any column (click or Enter/Space on a header).
 * Used by the sector, department and comparison screens.
 */
export function IndicatorTable({
  indicators,
  caption,
  showOwner = true,
  exportName = 'indicators',
}: {
  indicators: IndicatorView[];
  caption: string;
  showOwner?: boolean;
  /** The CSV file name for "Export CSV" (see exportFileName): screen, year, as-of, filters, language. */
  exportName?: string;
}) {
  const { t, language } = useLanguage();
  const [sorting, setSorting] = useState<SortingState>([]);
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
      column.accessor((i) => STATUS_ORDER[i.figures.status], {
        id: 'status',
        header: t('table.status'),
        cell: (cell) => <StatusBadge status={cell.row.original.figures.status} />,
      }),
      column.accessor((i) => i.figures.attainment ?? -1, {
        id: 'attainment',
        header: t('table.attainment'),
        cell: (cell) => formatPercent(cell.row.original.figures.attainment, language),
        meta: { numeric: true },
      }),
      column.accessor((i) => i.figures.actualToDate ?? Number.NEGATIVE_INFINITY, {
        id: 'actual',
        header: t('table.actualVsTarget'),
        cell: (cell) => {
          const { figures, unit } = cell.row.original;
          return (
            <>
              {formatValue(figures.actualToDate, unit, language, t)}
              <span className="muted"> / {formatValue(figures.targetToDate, unit, language, t)}</span>
            </>
          );
        },
        meta: { numeric: true },
      }),
      column.accessor((i) => i.figures.forecastYearEnd ?? Number.NEGATIVE_INFINITY, {
        id: 'forecast',
        header: t('table.forecast'),
        cell: (cell) => {
          const { figures, unit, annualTarget } = cell.row.original;
          if (figures.forecastYearEnd === null) return '–';
          return (
            <>
              {formatValue(figures.forecastYearEnd, unit, language, t)}
              <span className="muted">
                {' '}
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
    (): ExportColumn<IndicatorView>[] => [
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
        ? [{ header: t('table.owner'), value: (i: IndicatorView) => i.department.name[language] }]
        : []),
      { header: t('table.lastPeriod'), value: (i) => i.figures.lastPeriod },
    ],
    [t, language, showOwner],
  );
  const table = useReactTable({
    data: indicators,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const shown = exportTable(
    exportColumns,
    table.getRowModel().rows.map((row) => row.original),
  );
  return (
    <>
      <ExportCsvButton name={exportName} header={shown.header} rows={shown.rows} what={caption} />
      <div className="table-scroll">
        <table className="data-table indicator-table">
          <caption>{caption}</caption>
          <SortableHead table={table} />
          <TableRows table={table} rowData={(row) => ({ 'data-code': row.original.code })} />
        </table>
      </div>
    </>
  );
}
