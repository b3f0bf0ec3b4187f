import {
  createColumnHelper,
  getCoreRowModel,
  type SortingState,
  type Updater,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import { type ExportColumn, exportTable, percentCell } from '../../components/ExportCsvButton';
import { ListExport } from '../../components/ListExport';
import { SortableHead, TableRows } from '../../components/SortableTable';
import { StatusBadge } from '../../components/StatusBadge';
import { ViewLink } from '../../components/ViewLink';
import { useLanguage } from '../../format/language';
import { formatPercent, formatPeriod } from '../../format/numbers';
import type { DepartmentSort, Status } from '../../trpc';
import type { Order } from '../../view/usePaging';
import type { DepartmentSummary } from './types';

const STATUSES: Status[] = ['on_track', 'at_risk', 'off_track', 'no_data'];
const column = createColumnHelper<DepartmentSummary>();

/** The server's order for each column. */
const SORT_OF: Record<string, DepartmentSort> = {
  department: 'name',
  score: 'score',
  on_track: 'on_track',
  at_risk: 'at_risk',
  off_track: 'off_track',
  no_data: 'no_data',
  indicatorCount: 'indicators',
  unreportedCount: 'unreported',
  lastPeriod: 'lastPeriod',
};
const COLUMN_OF = Object.fromEntries(Object.entries(SORT_OF).map(([id, sort]) => [sort, id])) as Partial<
  Record<DepartmentSort, string>
>;

/**
 * A page of departments side by side, sorted by the server by any column (click, or Enter/Space on
 * a heading; numbers highest first), the order kept in the URL.
 */
export function ComparisonTable({
  departments,
  total,
  caption,
  exportName,
  wholeExport,
  sort,
  order,
  onSort,
  busy = false,
}: {
  departments: DepartmentSummary[];
  /** How many departments the comparison has in all pages. */
  total: number;
  caption: string;
  /** The CSV file name for "Export CSV" (see exportFileName). */
  exportName: string;
  /** The server's export of every department, for when they do not fit on one page. */
  wholeExport: string;
  sort: DepartmentSort;
  order: Order;
  onSort: (sort: DepartmentSort, order: Order) => void;
  /** Another page or order is on its way: the rows shown are the previous ones. */
  busy?: boolean;
}) {
  const { t, language } = useLanguage();
  const columnId = COLUMN_OF[sort];
  const sorting: SortingState = columnId ? [{ id: columnId, desc: order === 'desc' }] : [];
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
    manualSorting: true,
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = typeof updater === 'function' ? updater(sorting) : updater;
      const nextSort = next ? SORT_OF[next.id] : undefined;
      if (next && nextSort) onSort(nextSort, next.desc ? 'desc' : 'asc');
      else onSort('code', 'asc');
    },
    getRowId: (department) => department.code,
    getCoreRowModel: getCoreRowModel(),
  });
  const shown = exportTable(exportColumns, departments);
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
        <table className="data-table departments-table" aria-busy={busy}>
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
