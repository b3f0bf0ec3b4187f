import { useId } from 'react';
import { useLanguage } from '../../format/language';
import type { ImportPreview, ReadAt } from './importRequest';

type Layout = ImportPreview['layout'];

const MAX_CELLS = 8;

/**
 * Which sheet of a workbook and which row is the header: the first rows as the file has them, the
 * header the server found marked, and what it recognised (titles, totals, 연번/단위/비고 columns).
 */
export function LayoutPicker({
  layout,
  busy,
  onChoose,
}: {
  layout: Layout;
  busy: boolean;
  onChoose: (at: ReadAt) => void;
}) {
  const { t } = useLanguage();
  const id = useId();
  const sheets = layout.sheets;
  const roles = layout.roles.map((r) =>
    t('import.roleItem', { position: r.position, column: r.column, role: t(`import.roles.${r.role}`) }),
  );
  return (
    <section className="import-layout" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('import.layoutTitle')}</h3>
      {sheets.length > 1 && (
        <div className="import-field">
          <label htmlFor={`${id}-sheet`}>{t('import.sheet')}</label>
          <select
            id={`${id}-sheet`}
            value={layout.sheet ?? ''}
            disabled={busy}
            onChange={(event) => onChoose({ sheet: event.target.value })}
          >
            {sheets.map((sheet) => (
              <option key={sheet.name ?? ''} value={sheet.name ?? ''}>
                {t(sheet.hidden ? 'import.sheetOptionHidden' : 'import.sheetOption', {
                  name: sheet.name ?? '',
                  count: sheet.rows,
                })}
              </option>
            ))}
          </select>
        </div>
      )}
      <p className="import-header-found" data-header-row={layout.headerRow}>
        {t(layout.headerChosen ? 'import.headerChosen' : 'import.headerFound', { row: layout.headerRow })}
        {(['titleRows', 'totalRows', 'hiddenRows'] as const).map(
          (kind) =>
            layout[kind].length > 0 && (
              <span key={kind}>
                {' '}
                {t(`import.${kind}`, { count: layout[kind].length, rows: layout[kind].join(', ') })}
              </span>
            ),
        )}
      </p>
      {roles.length > 0 && (
        <p className="import-roles">{t('import.rolesFound', { columns: roles.join(', ') })}</p>
      )}
      <fieldset className="import-header-rows" disabled={busy}>
        <legend>{t('import.headerRowLegend')}</legend>
        <div className="table-scroll">
          <table className="data-table">
            <tbody>
              {layout.firstRows.map((row) => (
                <tr
                  key={row.row}
                  data-row={row.row}
                  className={row.row === layout.headerRow ? 'is-header' : undefined}
                >
                  <th scope="row">
                    <label>
                      <input
                        type="radio"
                        name={`${id}-header`}
                        checked={row.row === layout.headerRow}
                        onChange={() => onChoose({ sheet: layout.sheet ?? undefined, headerRow: row.row })}
                        aria-label={t('import.headerRowOption', { row: row.row })}
                      />{' '}
                      {row.row}
                    </label>
                  </th>
                  {row.cells.slice(0, MAX_CELLS).map((cell, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
                    <td key={index}>{cell}</td>
                  ))}
                  {row.cells.length > MAX_CELLS && <td aria-hidden="true">…</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
    </section>
  );
}
