/**
 * The import endpoints of the server (`/api/import/preview` and `/commit`): the file's bytes as the
 * body; year, file name, column mapping, sheet and header row in the query. Answers become values
 * the screen shows; a refusal keeps its problem (code and parameters) for the reader's language.
 */

import type { ImportPreview, Mapping } from '@tangible/api';
import { csrfHeaders } from '../../auth/csrf';
import { fetchNotingVersion, seenVersionHeaders } from '../../data-version';

export type { ImportPreview, Mapping };
export type ImportRowView = ImportPreview['rows'][number];
export type Outcome = ImportRowView['outcome'];

type ProblemBody = { code: string; params: Record<string, string | number> } | null;

/** Where in the file to read: a workbook's sheet, and the header row the person chose. */
export interface ReadAt {
  sheet?: string | undefined;
  headerRow?: number | undefined;
}

/** A problem with the whole file (400): the server's message, its problem, and the line it concerns. */
export class FileProblem extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly problem: ProblemBody,
  ) {
    super(message);
  }
}

/**
 * The commit was refused (422): nothing was written; the preview says why, row by row, and the
 * problem (`import_has_problems`) says it of the file in the reader's language.
 */
export class ImportRefused extends Error {
  constructor(
    message: string,
    readonly preview: ImportPreview | null,
    readonly problem: ProblemBody,
  ) {
    super(message);
  }
}

async function send(step: 'preview' | 'commit', file: File, year: number, mapping: Mapping, at: ReadAt) {
  const query = new URLSearchParams({
    year: String(year),
    filename: file.name,
    mapping: JSON.stringify(mapping),
  });
  if (at.sheet) query.set('sheet', at.sheet);
  if (at.headerRow) query.set('headerRow', String(at.headerRow));
  const response = await fetchNotingVersion(`/api/import/${step}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...csrfHeaders(), ...seenVersionHeaders() },
    body: new Uint8Array(await file.arrayBuffer()),
  });
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  const message = typeof body?.error === 'string' ? body.error : `HTTP ${response.status}`;
  if (response.status === 422)
    throw new ImportRefused(
      message,
      (body?.preview as ImportPreview) ?? null,
      (body?.problem as ProblemBody) ?? null,
    );
  if (!response.ok)
    throw new FileProblem(
      message,
      typeof body?.line === 'number' ? body.line : null,
      (body?.problem as ProblemBody) ?? null,
    );
  return body;
}

export async function previewFile(
  file: File,
  year: number,
  mapping: Mapping,
  at: ReadAt,
): Promise<ImportPreview> {
  return (await send('preview', file, year, mapping, at)) as unknown as ImportPreview;
}

export interface Committed {
  written: number;
  unchanged: number;
  /** Values written that owe their analysis and next steps before they can be approved. */
  commentaryOwed: number;
  counts: ImportPreview['counts'];
}

export async function commitFile(file: File, year: number, mapping: Mapping, at: ReadAt): Promise<Committed> {
  return (await send('commit', file, year, mapping, at)) as unknown as Committed;
}
