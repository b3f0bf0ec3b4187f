/** The bench's tables, as plain text with aligned columns. */

import type { ExportRun } from './exports.js';
import type { LoadResult } from './load.js';
import type { Samples } from './timing.js';

export interface ScreenFigures {
  label: string;
  procedure: string;
  samples: Samples;
  floor: Samples;
  floorBytes: number;
  bytes: number;
  wireBytes: number;
  encoding: string | null;
  /** By connections: the run, the server's peak RSS in it, and whether the server died. */
  load: { result: LoadResult; peakRssMb: number; crashed: boolean }[];
}

export interface ExportFigures {
  name: string;
  run: ExportRun;
  floor: ExportRun;
}

export const ms = (value: number) =>
  Number.isNaN(value) ? '-' : value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;

export function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

export const count = (value: number) => Math.round(value).toLocaleString('en');
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)}×` : '-');

/** Columns padded to their widest cell; numbers right-aligned (every column but the first two). */
export function table(header: string[], rows: string[][], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < leftColumns ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function screensTable(screens: readonly ScreenFigures[]): string {
  return table(
    [
      'screen',
      'procedure',
      'calls',
      'median',
      'p95',
      'floor',
      '× floor',
      'JSON',
      'on the wire',
      'floor JSON',
    ],
    screens.map((s) => [
      s.label,
      s.procedure,
      String(s.samples.count),
      ms(s.samples.medianMs),
      ms(s.samples.p95Ms),
      ms(s.floor.medianMs),
      times(s.samples.medianMs / s.floor.medianMs),
      size(s.bytes),
      `${size(s.wireBytes)}${s.encoding ? ` ${s.encoding}` : ''}`,
      size(s.floorBytes),
    ]),
    2,
  );
}

export function loadTable(screens: readonly ScreenFigures[]): string {
  const runs = screens.filter((s) => s.load.length > 0);
  const levels = runs[0]?.load.map((l) => l.result.connections) ?? [];
  const header = ['screen'];
  for (const c of levels) header.push(`${c} conn: ok/s`, 'p95', 'p99', 'errors', 'peak RSS');
  return table(
    header,
    runs.map((s) => [
      s.label,
      ...s.load.flatMap(({ result, peakRssMb, crashed }) => [
        result.requestsPerSecond.toFixed(1),
        ms(result.p95Ms),
        ms(result.p99Ms),
        `${count(result.errors)}/${count(result.requests)} (${count(result.non2xx)} non-2xx, ${count(result.timeouts)} timeouts)`,
        `${peakRssMb.toFixed(0)} MB${crashed ? ' (died)' : ''}`,
      ]),
    ]),
  );
}

export function exportsTable(exports: readonly ExportFigures[]): string {
  return table(
    ['export', 'rows', 'size', 'on the wire', 'seconds', 'rows/s', 'first byte', 'floor rows/s', '× floor'],
    exports.map(({ name, run, floor }) => {
      const rate = run.rows / run.seconds;
      const floorRate = floor.rows / floor.seconds;
      return [
        name,
        count(run.rows),
        size(run.bytes),
        size(run.wireBytes),
        run.seconds.toFixed(2),
        count(rate),
        ms(run.firstByteMs),
        count(floorRate),
        times(floorRate / rate),
      ];
    }),
  );
}
