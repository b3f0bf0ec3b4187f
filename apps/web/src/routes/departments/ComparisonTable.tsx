import {
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import {
  type ExportColumn,
  ExportCsvButton,
  exportTable,
  percentCell,
} from '../../components/ExportCsvButton';
import { SortableHead, TableRows } from '../../components/SortableTable';
import { StatusBadge } from '../../components/StatusBadge';
import { ViewLink } from '../../components/ViewLink';
import { useLanguage } from '../../format/language';
import { formatPercent, formatPeriod } from '../../format/numbers';
import type { Status } from '../../trpc';
import type { DepartmentSummary } from './types';

const STATUSES: Status[] = ['on_track', 'at_risk', 'off_track', 'no_data'];
const column = createColumnHelper<DepartmentSummary>();

/** Every department side by side, sortable by any column (click, or Enter/Space on a heading). */
export function ComparisonTable({
  departments,
  caption,
  exportName,
}: {
  departments: DepartmentSummary[];
  caption: string;
  /** The CSV file name for "Export CSV" (see exportFileName). */
  exportName: string;
}) {
  const { t, language } = useLanguage();
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(
    () => [
      column.accessor((d) => d.name[language], {
        id: 'department',
        header: t('departments.colDepartment'),
        cell: (cell) => <ViewLink to={`/departments/${cell.row.original.code}`}>{cell.getValue()}</ViewLink>,
      }),
      column.accessor((d) => d.score ?? -1, {
        id: 'score',
        header: t('departments.colScore'),
        cell: (cell) => {
          const { score } = cell.row.original;
          return score === null ? (
            <span className="muted">{t('departments.noScore')}</span>
          ) : (
            formatPercent(score, language)
          );
        },
        meta: { numeric: true },
      }),
      ...STATUSES.map((status) =>
        column.accessor((d) => d.statusCounts[status], {
          id: status,
          header: () => <StatusBadge status={status} />,
          cell: (cell) => cell.getValue(),
          meta: { numeric: true },
        }),
      ),
      column.accessor('indicatorCount', {
        header: t('departments.colIndicators'),
        meta: { numeric: true },
      }),
      column.accessor('unreportedCount', {
        header: t('departments.colUnreported'),
        cell: (cell) => (cell.getValue() > 0 ? <strong>{cell.getValue()}</strong> : cell.getValue()),
        meta: { numeric: true },
      }),
      column.accessor((d) => d.lastPeriod ?? '', {
        id: 'lastPeriod',
        header: t('table.lastPeriod'),
        cell: (cell) => formatPeriod(cell.row.original.lastPeriod, t),
      }),
    ],
    [t, language],
  );
  // The CSV has the table's columns, raw: the score as the percentage shown, counts, the period as YYYY-MM.
  const exportColumns = useMemo(
    (): ExportColumn<DepartmentSummary>[] => [
      { header: t('departments.colDepartment'), value: (d) => d.name[language] },
      { header: t('departments.colScore'), value: (d) => percentCell(d.score) },
      ...STATUSES.map((status) => ({
        header: t(`status.${status}`),
        value: (d: DepartmentSummary) => d.statusCounts[status],
      })),
      { header: t('departments.colIndicators'), value: (d) => d.indicatorCount },
      { header: t('departments.colUnreported'), value: (d) => d.unreportedCount },
      { header: t('table.lastPeriod'), value: (d) => d.lastPeriod },
    ],
    [t, language],
  );
  const table = useReactTable({
    data: departments,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (department) => department.code,
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
        <table className="data-table departments-table">
          <caption>
            {caption} <span className="muted">({t('table.sortHint')})</span>
          </caption>
          <SortableHead table={table} />
          <TableRows
            table={table}
            rowData={(row) => ({ 'data-department': row.original.code })}
            cellClass={(column, numeric) => `${numeric ? 'num ' : ''}departments-col-${column}`}
          />
        </table>
      </div>
    </>
  );
}
