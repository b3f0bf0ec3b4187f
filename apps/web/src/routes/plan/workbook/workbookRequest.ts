/**
 * The plan workbook's endpoints (`/api/plan/workbook/dry-run` and `/apply`): the file's bytes as the
 * body, year and file name in the query. A refusal keeps its problem (code and parameters) and, when
 * the workbook had problems (422), the dry-run listing them.
 */

import type { WorkbookDryRun } from '@tangible/api';
import { csrfHeaders } from '../../../auth/csrf';
import { fetchNotingVersion, seenVersionHeaders } from '../../../data-version';

export type { WorkbookDryRun };

type ProblemBody = { code: string; params: Record<string, string | number> };

export class WorkbookRefused extends Error {
  constructor(
    message: string,
    readonly problem: ProblemBody | null,
    readonly dryRun: WorkbookDryRun | null,
  ) {
    super(message);
  }
}

export async function sendWorkbook(
  step: 'dry-run' | 'apply',
  file: File,
  year: number,
): Promise<WorkbookDryRun> {
  const query = new URLSearchParams({ year: String(year), filename: file.name });
  const response = await fetchNotingVersion(`/api/plan/workbook/${step}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...csrfHeaders(), ...seenVersionHeaders() },
    body: new Uint8Array(await file.arrayBuffer()),
  });
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok)
    throw new WorkbookRefused(
      typeof body?.error === 'string' ? body.error : `HTTP ${response.status}`,
      (body?.problem as ProblemBody) ?? null,
      (body?.dryRun as WorkbookDryRun) ?? null,
    );
  return body as unknown as WorkbookDryRun;
}
