import { flexRender, type Row, type Table } from '@tanstack/react-table';

/** Column meta the tables use: numeric cells are right-aligned. */
interface ColumnMeta {
  numeric?: boolean;
}

/**
 * The header row of a TanStack table: a real button per sortable column (mouse or keyboard), the
 * order shown by a symbol and announced with aria-sort.
 */
export function SortableHead<T>({ table }: { table: Table<T> }) {
  return (
    <thead>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id}>
          {group.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            const label = flexRender(header.column.columnDef.header, header.getContext());
            return (
              <th
                key={header.id}
                scope="col"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
              >
                {header.column.getCanSort() ? (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={header.column.getToggleSortingHandler()}
                  >
                    {label}
                    <span aria-hidden="true">
                      {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ↕'}
                    </span>
                  </button>
                ) : (
                  label
                )}
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}

/** The body of a TanStack table, in its current order; `rowData` adds data-* attributes for tests and styles. */
export function TableRows<T>({
  table,
  rowData,
  cellClass = (_column, numeric) => (numeric ? 'num' : undefined),
}: {
  table: Table<T>;
  rowData: (row: Row<T>) => Record<`data-${string}`, string>;
  cellClass?: (columnId: string, numeric: boolean) => string | undefined;
}) {
  return (
    <tbody>
      {table.getRowModel().rows.map((row) => (
        <tr key={row.id} {...rowData(row)}>
          {row.getVisibleCells().map((cell) => (
            <td
              key={cell.id}
              className={cellClass(
                cell.column.id,
                Boolean((cell.column.columnDef.meta as ColumnMeta | undefined)?.numeric),
              )}
            >
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}
