import { useTranslation } from 'react-i18next';
import { type ExportCell, ExportCsvButton } from './ExportCsvButton';
import './export-csv.css';

/**
 * "Export CSV" for a list the server sends a page at a time. When the whole list is on the screen,
 * the rows shown, as shown (ExportCsvButton); when it is not, the server's export of the whole list
 * with the same filters (`/api/export/…`), so a CSV always holds everything, never one page.
 */
export function ListExport({
  name,
  header,
  rows,
  what,
  total,
  whole,
}: {
  name: string;
  header: readonly string[];
  rows: readonly (readonly ExportCell[])[];
  what: string;
  /** How many rows the list has in all. */
  total: number;
  /** The address of the server's export of the whole list; null when there is none for this list. */
  whole: string | null;
}) {
  const { t } = useTranslation();
  if (total <= rows.length) return <ExportCsvButton name={name} header={header} rows={rows} what={what} />;
  if (whole === null) return null;
  return (
    <div className="export-csv">
      <a
        className="export-csv-button"
        href={whole}
        download
        aria-label={t('export.wholeFor', { what, count: total })}
        data-export={name}
      >
        <span aria-hidden="true">⤓ </span>
        {t('export.whole', { count: total })}
      </a>
    </div>
  );
}

/** The address of a server export, with the filters given (empty ones left out). */
export function serverExport(
  file: string,
  params: Record<string, string | number | null | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  return `/api/export/${file}?${search.toString()}`;
}
