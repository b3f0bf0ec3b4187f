/**
 * "Export CSV" for any table the app shows: the screen sends the rows it shows (in its order, with
 * its column headings, values raw) to the server, which writes the Excel-safe CSV (UTF-8 BOM,
 * RFC 4180, formulas neutralised); the answer is saved as a download.
 */

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { csrfHeaders } from '../auth/csrf';
import { errorText, type FailedRequest } from '../format/problems';
import './export-csv.css';

export type ExportCell = string | number | null;

/** One exported column: its heading as the table shows it, and the raw value of a row. */
export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => ExportCell;
}

/** The heading and rows of a table, ready to send. */
export function exportTable<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]) {
  return {
    header: columns.map((column) => column.header),
    rows: rows.map((row) => columns.map((column) => column.value(row))),
  };
}

/**
 * A file name saying what is inside: `exportFileName('indicators', 'ECO', 2024, 'as-of-2024-06', 'ko')`
 * → "tangible-indicators-ECO-2024-as-of-2024-06-ko". Empty parts are left out; other characters become "_".
 */
export function exportFileName(...parts: (string | number | null | undefined | false)[]): string {
  // `tangible-` first, as the server's downloads are named (`tangible-indicators-2024-….csv`).
  return ['tangible', ...parts]
    .filter((part) => part !== null && part !== undefined && part !== false && part !== '')
    .map((part) => String(part).replace(/[^\w.-]+/g, '_'))
    .join('-')
    .slice(0, 120);
}

/** A fraction the table shows as a percentage, as the number shown (0.9534 → 95.3), for the CSV. */
export function percentCell(fraction: number | null): number | null {
  return fraction === null ? null : Math.round(fraction * 1000) / 10;
}

function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; free it once the browser has taken it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportCsvButton({
  name,
  header,
  rows,
  what,
}: {
  /** The file name without ".csv" (see exportFileName). */
  name: string;
  header: readonly string[];
  rows: readonly (readonly ExportCell[])[];
  /** What the table holds, for screen readers when a screen has several export buttons. */
  what?: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/export/table.csv', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...csrfHeaders() },
        body: JSON.stringify({ name, header, rows }),
      });
      if (!response.ok) {
        // A refusal (too many exports running, say) comes with a code the reader's language says.
        const body = (await response.json().catch(() => null)) as {
          error?: string;
          problem?: FailedRequest['problem'];
        } | null;
        const refused = { message: body?.error ?? `HTTP ${response.status}`, problem: body?.problem ?? null };
        setError(t('export.failed', { message: errorText(t, refused) }));
        return;
      }
      saveBlob(await response.blob(), `${name}.csv`);
    } catch (failure) {
      setError(t('export.failed', { message: (failure as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export-csv">
      <button
        type="button"
        className="export-csv-button"
        disabled={rows.length === 0 || busy}
        aria-label={what ? t('export.buttonFor', { what }) : undefined}
        data-export={name}
        onClick={() => void download()}
      >
        <span aria-hidden="true">⤓ </span>
        {busy ? t('export.busy') : t('export.button')}
      </button>
      {error && (
        <p className="export-csv-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
