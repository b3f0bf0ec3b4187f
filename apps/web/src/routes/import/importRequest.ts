/**
 * The import endpoints of the server (`/api/import/preview` and `/commit`): the file's bytes as the
 * body, year, file name and column mapping in the query. Answers become values the screen shows.
 */

import type { ImportPreview, Mapping } from '@tangible/api';
import { csrfHeaders } from '../../auth/csrf';

export type { ImportPreview, Mapping };
export type ImportRowView = ImportPreview['rows'][number];
export type Outcome = ImportRowView['outcome'];

/** A problem with the whole file (400): the server's message and the line it concerns. */
export class FileProblem extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
  }
  /** The file's columns are not the template's: the reader chooses the columns instead. */
  get needsMapping(): boolean {
    return /not the template's/.test(this.message);
  }
}

/** The commit was refused (422): nothing was written; the preview says why. */
export class ImportRefused extends Error {
  constructor(
    message: string,
    readonly preview: ImportPreview | null,
  ) {
    super(message);
  }
}

async function send(step: 'preview' | 'commit', file: File, year: number, mapping: Mapping) {
  const query = new URLSearchParams({
    year: String(year),
    filename: file.name,
    mapping: JSON.stringify(mapping),
  });
  const response = await fetch(`/api/import/${step}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...csrfHeaders() },
    body: new Uint8Array(await file.arrayBuffer()),
  });
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  const message = typeof body?.error === 'string' ? body.error : `HTTP ${response.status}`;
  if (response.status === 422) throw new ImportRefused(message, (body?.preview as ImportPreview) ?? null);
  if (!response.ok) throw new FileProblem(message, typeof body?.line === 'number' ? body.line : null);
  return body;
}

export async function previewFile(file: File, year: number, mapping: Mapping): Promise<ImportPreview> {
  return (await send('preview', file, year, mapping)) as unknown as ImportPreview;
}

export interface Committed {
  written: number;
  unchanged: number;
  counts: ImportPreview['counts'];
}

export async function commitFile(file: File, year: number, mapping: Mapping): Promise<Committed> {
  return (await send('commit', file, year, mapping)) as unknown as Committed;
}
