/**
 * CSV exports through the server against their floor: the same rows read with better-sqlite3 and
 * written as CSV lines (quoted where needed, formula-like text neutralised, encoded as UTF-8), which
 * is the least any export of them can do.
 */

import { request } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress } from 'node:zlib';
import type SQLite from 'better-sqlite3';
import { figuresCte, PLAN_ORDER } from './floor-figures.js';

export interface ExportRun {
  rows: number;
  /** The CSV's size, and what crossed the wire (smaller when compressed). */
  bytes: number;
  wireBytes: number;
  seconds: number;
  firstByteMs: number;
}

/** Downloads an export as a client asking for `encoding` would, decoding and counting lines as they arrive. */
export function downloadCsv(
  url: string,
  headers: Record<string, string>,
  encoding: 'identity' | 'br',
): Promise<ExportRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // A connection of its own: a kept-alive one may be closed by the server while a floor runs here.
    const req = request(
      url,
      { headers: { ...headers, 'accept-encoding': encoding }, agent: false },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`${url} answered ${res.statusCode}`));
          res.resume();
          return;
        }
        let firstByteMs = Number.NaN;
        let wireBytes = 0;
        let bytes = 0;
        let lines = 0;
        res.on('data', (chunk: Buffer) => {
          if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started;
          wireBytes += chunk.length;
        });
        const body: Readable =
          res.headers['content-encoding'] === 'br' ? res.pipe(createBrotliDecompress()) : res;
        body.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (const byte of chunk) if (byte === 10) lines += 1;
        });
        body.on('error', reject);
        body.on('end', () =>
          resolve({
            rows: lines - 1,
            bytes,
            wireBytes,
            seconds: (performance.now() - started) / 1000,
            firstByteMs,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = String(value);
  if (/^[\s\u200b-\u200f\u2060\ufeff]*[=+\-@＝＋－＠]/.test(text) || /^[\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Iterates a statement's rows and writes them as CSV lines into 64 KB buffers; counts rows and bytes. */
function writeFloor(statement: SQLite.Statement, params: Record<string, unknown>): ExportRun {
  const started = performance.now();
  let rows = 0;
  let bytes = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = () => {
    bytes += Buffer.from(pending.join(''), 'utf8').length;
    pending = [];
    pendingLength = 0;
  };
  for (const row of statement.raw().iterate(params) as Iterable<unknown[]>) {
    const line = `${row.map(cell).join(',')}\r\n`;
    pending.push(line);
    pendingLength += line.length;
    rows += 1;
    if (pendingLength >= 65_536) flush();
  }
  flush();
  const seconds = (performance.now() - started) / 1000;
  return { rows, bytes, wireBytes: bytes, seconds, firstByteMs: Number.NaN };
}

/** measurements.csv's rows: every reported value of the plan, with its indicator, sector and department. */
export function measurementsFloor(sqlite: SQLite.Database, plan: number): ExportRun {
  const statement = sqlite.prepare(`select sec.code, i.code, i.name_en, i.unit, d.name_en, m.period, m.value,
      m.status, m.note, m.evidence_url, m.source, m.entered_by, m.entered_at, m.reviewed_at, m.review_reason
    from measurements m join indicators i on i.id = m.indicator_id join projects p on p.id = i.project_id
    join strategies st on st.id = p.strategy_id join sectors sec on sec.id = st.sector_id
    join departments d on d.id = i.department_id
    where sec.plan_id = :plan order by m.id`);
  return writeFloor(statement, { plan });
}

/** indicators.csv's rows: every indicator of the plan with its figures as of the month. */
export function indicatorsFloor(sqlite: SQLite.Database, params: Record<string, unknown>): ExportRun {
  const statement = sqlite.prepare(`${figuresCte()}
    select sector, sector_en, project, code, name_en, unit, direction, aggregation, department_en, baseline,
      target, target_to_date, actual, round(att, 4), status, last_period
    from att order by ${PLAN_ORDER}`);
  return writeFloor(statement, params);
}
