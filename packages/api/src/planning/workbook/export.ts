/**
 * The plan of a year as the workbook's sheets (sheets.ts): every thing in force (retired things are
 * history, not plan, and stay out), each indicator with every field, its targets as planned with the
 * revised value in force beside them, milestones with their planned dates and weights. Written as
 * one xlsx workbook, or as one CSV table per kind through the exports' safe CSV (export/table.ts).
 */

import type { Db } from '@tangible/db';
import type { SignedInUser } from '../../auth/policy.js';
import type { Cell, ExportTable } from '../../export/table.js';
import { excel } from '../../imports/excel.js';
import { planOutline } from '../outline.js';
import {
  headerOf,
  type Lang,
  SHEET_KINDS,
  SHEET_NAMES,
  type SheetKind,
  spreadsheetNumber,
  wordFor,
} from './sheets.js';

export type Outline = Awaited<ReturnType<typeof planOutline>>;

/** The approved revision in force for each target (`CODE period` → value and reason), the last decided. */
export async function revisionsInForce(db: Db, organisationId: number, year: number) {
  const rows = await db
    .selectFrom('target_revisions')
    .innerJoin('indicators', 'indicators.id', 'target_revisions.indicator_id')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('plans', 'plans.id', 'sectors.plan_id')
    .select([
      'indicators.code',
      'target_revisions.period',
      'target_revisions.revised_value',
      'target_revisions.reason',
    ])
    .where('plans.organisation_id', '=', organisationId)
    .where('plans.year', '=', year)
    .where('target_revisions.state', '=', 'approved')
    .orderBy('target_revisions.decided_at')
    .orderBy('target_revisions.id')
    .execute();
  const inForce = new Map<string, { value: number; reason: string }>();
  for (const r of rows) inForce.set(`${r.code} ${r.period}`, { value: r.revised_value, reason: r.reason });
  return inForce;
}

export type WorkbookRows = Record<SheetKind, Cell[][]>;

const active = <T extends { retiredAt: string | null }>(things: T[]) =>
  things.filter((t) => t.retiredAt === null);

/** Every sheet's rows, in the columns of sheets.ts. */
export function workbookRows(
  outline: Outline,
  inForce: Map<string, { value: number; reason: string }>,
  lang: Lang,
): WorkbookRows {
  const rows: WorkbookRows = {
    sectors: [],
    strategies: [],
    projects: [],
    indicators: [],
    targets: [],
    milestones: [],
  };
  for (const sector of active(outline.sectors)) {
    const s = sector.fields;
    rows.sectors.push([sector.code, s.name.ko, s.name.en, s.goal.ko, s.goal.en]);
    for (const strategy of active(sector.strategies)) {
      rows.strategies.push([sector.code, strategy.code, strategy.fields.name.ko, strategy.fields.name.en]);
      for (const project of active(strategy.projects)) {
        const p = project.fields;
        rows.projects.push([strategy.code, project.code, p.name.ko, p.name.en, p.department]);
        for (const indicator of active(project.indicators)) {
          const f = indicator.fields;
          rows.indicators.push([
            project.code,
            indicator.code,
            f.name.ko,
            f.name.en,
            f.department,
            f.unit,
            wordFor('direction', f.direction, lang),
            wordFor('aggregation', f.aggregation, lang),
            wordFor('frequency', f.frequency, lang),
            f.baseline?.value ?? null,
            f.baseline?.year ?? null,
            f.thresholds?.onTrack ?? null,
            f.thresholds?.atRisk ?? null,
            f.weight,
            wordFor('headline', f.headline ? 'yes' : 'no', lang),
            f.source,
            f.definition?.ko || null,
            f.definition?.en || null,
            f.formula?.ko || null,
            f.formula?.en || null,
            f.dataSource?.ko || null,
            f.dataSource?.en || null,
          ]);
          const targets = [{ period: String(outline.year), value: f.annualTarget }, ...f.interimTargets];
          for (const t of targets) {
            const revised = inForce.get(`${indicator.code} ${t.period}`);
            rows.targets.push([
              indicator.code,
              t.period,
              t.value,
              revised?.value ?? null,
              revised?.reason ?? null,
            ]);
          }
        }
        for (const milestone of active(project.milestones)) {
          const m = milestone.fields;
          rows.milestones.push([
            project.code,
            milestone.code,
            m.name.ko,
            m.name.en,
            m.department,
            m.plannedDate,
            m.weight,
            m.source,
          ]);
        }
      }
    }
  }
  return rows;
}

export interface PlanWorkbook {
  year: number;
  status: 'draft' | 'confirmed';
  rows: WorkbookRows;
}

/** The plan of the user's organisation for a year, as the workbook's rows. */
export async function planWorkbook(
  db: Db,
  user: SignedInUser,
  year: number,
  lang: Lang,
): Promise<PlanWorkbook> {
  const outline = await planOutline(db, user, year);
  const inForce = await revisionsInForce(db, user.organisationId, year);
  return { year, status: outline.status, rows: workbookRows(outline, inForce, lang) };
}

/** One kind's sheet as an export table (the CSV of that kind). */
export function workbookTable(book: PlanWorkbook, kind: SheetKind, lang: Lang): ExportTable {
  const header = headerOf(kind, lang);
  const rows = book.rows[kind].map((row) =>
    row.map((cell) => (typeof cell === 'number' ? spreadsheetNumber(cell) : cell)),
  );
  return { name: `plan-${book.year}-${kind}-${lang}`, columns: header, header, rows };
}

/**
 * The workbook as xlsx: a sheet per kind, headers in the reader's language, codes, periods and dates
 * kept as text (Excel would otherwise turn `2024-03` or `2025-06-30` into a date of its own).
 */
export async function workbookXlsx(book: PlanWorkbook, lang: Lang): Promise<Uint8Array> {
  const workbook = new (await excel()).Workbook();
  for (const kind of SHEET_KINDS) {
    const sheet = workbook.addWorksheet(SHEET_NAMES[kind][lang], { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = headerOf(kind, lang).map((header) => ({
      header,
      width: Math.max(12, header.length + 4),
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of book.rows[kind]) {
      const added = sheet.addRow(row);
      row.forEach((cell, i) => {
        if (typeof cell === 'string') added.getCell(i + 1).numFmt = '@';
      });
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
