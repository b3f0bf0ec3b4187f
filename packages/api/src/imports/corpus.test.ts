/**
 * The import corpus (data/import-corpus/, written by scripts/import-corpus.ts): every file through
 * the preview, with exactly the outcome its manifest says; the accepted ones committed into a freshly
 * seeded database, their values then pending; the refused ones refused at commit, nothing written.
 * And the script writes these very files again.
 */

import { readFileSync } from 'node:fs';
import { copyTestDatabase, type Db, findIndicators, findPendingOf, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, type CorpusEntry, manifestOf, readmeOf } from '../../../../scripts/import-corpus/corpus.js';
import { sentence } from '../problem-sentences.js';
import { principalFor, signIn } from '../testing.js';
import { ImportFileError } from './decode.js';
import { commitImport, ImportRejected, previewImport } from './preview.js';
import { readSource } from './sources/index.js';

const folder = new URL('../../../../data/import-corpus/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, folder)));
const manifest = JSON.parse(new TextDecoder().decode(read('manifest.json'))) as {
  plan: number;
  now: string;
  files: CorpusEntry[];
};
const now = new Date(manifest.now);
const plan = { id: 0, year: manifest.plan };

let db: Db;
let pristine: { db: Db; path: string };
beforeAll(async () => {
  // A copy of this untouched database is a freshly seeded one for each commit, without seeding again.
  pristine = await seededTestDatabase();
  db = await freshDatabase();
  plan.id = (
    await db.selectFrom('plans').select('id').where('year', '=', plan.year).executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await db.destroy();
  await pristine.db.destroy();
});

async function freshDatabase(): Promise<Db> {
  return (await copyTestDatabase(pristine)).db;
}

async function as(on: Db, username: string) {
  const { token } = await signIn(on, username);
  return principalFor(on, token, now);
}

const optionsOf = (entry: CorpusEntry) => ({
  filename: entry.file,
  ...(entry.sheet ? { sheet: entry.sheet } : {}),
  ...(entry.headerRow ? { headerRow: entry.headerRow } : {}),
});

describe('the import corpus', () => {
  it('has at least 40 files, of every format the issue names', () => {
    expect(manifest.files.length).toBeGreaterThanOrEqual(40);
    const endings = new Set(manifest.files.map((f) => f.file.replace(/^.*\./, '')));
    expect([...endings].sort()).toEqual(['csv', 'txt', 'xls', 'xlsx']);
  });

  it.each(manifest.files.map((entry) => [entry.file, entry] as const))('%s', async (_name, entry) => {
    const bytes = read(entry.file);
    const principal = await as(db, entry.user);
    const { expect: wanted } = entry;
    const previewing = previewImport(db, plan, principal, bytes, entry.mapping, now, optionsOf(entry));
    if (wanted.outcome === 'file_refused') {
      const error = await previewing.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as ImportFileError).code).toBe(wanted.fileProblem);
      return;
    }
    if (wanted.outcome === 'mapping_refused') {
      const error = await previewing.catch((e: unknown) => e);
      expect((error as { cause?: { problem?: { code: string } } }).cause?.problem?.code).toBe(
        wanted.fileProblem,
      );
      return;
    }
    const preview = await previewing;
    if (wanted.format) expect(preview.format).toBe(wanted.format);
    if (wanted.encoding !== undefined) expect(preview.encoding).toBe(wanted.encoding);
    if (wanted.headerRow) expect(preview.layout.headerRow).toBe(wanted.headerRow);
    expect(preview.needsMapping).toBe(false);
    expect(
      preview.rows.filter((r) => r.problems.length === 0).map((r) => [r.code, r.period, r.value]),
    ).toEqual(wanted.values ?? []);
    expect(preview.problems.map((p) => [p.position, p.code])).toEqual(wanted.problems ?? []);
    expect(preview.warnings.map((w) => [w.position, w.code])).toEqual(wanted.warnings ?? []);
    expect(preview.notReported.map((n) => [n.position, n.placeholder])).toEqual(wanted.notReported ?? []);
    // A value owing its commentary (issue 13) is one of the file's values, never a problem: the
    // department sends numbers and writes the why on the report screen.
    const valuesRead = new Set((wanted.values ?? []).map(([code, period]) => `${code} ${period}`));
    for (const owed of preview.commentaryOwed) {
      expect(owed.code).toBe('commentary_owed');
      expect(valuesRead.has(`${owed.params.code} ${owed.params.period}`), owed.position).toBe(true);
    }
    expect(preview.totals.commentaryOwed).toBe(preview.commentaryOwed.length);
    if (wanted.commentaryOwed)
      expect(preview.commentaryOwed.map((w) => [w.position, w.code])).toEqual(wanted.commentaryOwed);
    // Every problem and warning is said in Korean, each of its parameters filled in.
    for (const said of [...preview.problems, ...preview.warnings, ...preview.commentaryOwed]) {
      const korean = sentence('ko', said.code, said.params);
      expect(korean).toMatch(/[가-힣]/);
      expect(korean).not.toMatch(/{{/);
    }

    if (wanted.outcome === 'nothing_to_import') {
      expect(preview.nothingToImport).toBe(true);
      expect(preview.canCommit).toBe(false);
      return;
    }
    if (wanted.outcome === 'refused') {
      expect(preview.canCommit).toBe(false);
      const refusal = await commitImport(db, plan, principal, bytes, entry.mapping, now, entry.file, {
        ...optionsOf(entry),
      }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ImportRejected);
      return;
    }
    // Accepted: every value is new or changes the seed's, and is pending once committed.
    expect(preview.canCommit).toBe(true);
    expect(preview.rows.map((r) => r.outcome).filter((o) => o !== 'new' && o !== 'change')).toEqual([]);
    const fresh = await freshDatabase();
    try {
      const committed = await commitImport(
        fresh,
        plan,
        await as(fresh, entry.user),
        bytes,
        entry.mapping,
        now,
        entry.file,
        optionsOf(entry),
      );
      expect(committed.written).toBe(wanted.values?.length);
      expect(committed.commentaryOwed).toBe(preview.totals.commentaryOwed);
      const ids = new Map((await findIndicators(fresh, plan.id)).map((i) => [i.code, i.id]));
      for (const [code, period, value] of wanted.values ?? []) {
        const pending = await findPendingOf(fresh, ids.get(code) ?? 0, period);
        expect([code, period, pending?.value]).toEqual([code, period, value]);
        // None of these files carries commentary: what it owes, it owes on the pending value.
        expect([code, period, pending?.analysis, pending?.next_steps]).toEqual([code, period, null, null]);
      }
    } finally {
      await fresh.destroy();
    }
  });
});

describe('scripts/import-corpus.ts', () => {
  it('writes these very files again: text byte for byte, workbooks as the import reads them', async () => {
    expect(CORPUS.map((f) => f.file)).toEqual(manifest.files.map((f) => f.file));
    expect(new TextDecoder().decode(read('manifest.json'))).toBe(manifestOf(CORPUS));
    expect(new TextDecoder().decode(read('README.md'))).toBe(readmeOf(CORPUS));
    for (const file of CORPUS) {
      const again = await file.bytes();
      // A zip entry carries the time it was written, so an xlsx differs byte for byte from one run
      // to the next; what the import reads in it must not.
      if (file.file.endsWith('.xlsx'))
        expect(await readSource(again, file.file), file.file).toEqual(
          await readSource(read(file.file), file.file),
        );
      else expect(Buffer.from(again).equals(Buffer.from(read(file.file))), file.file).toBe(true);
    }
  });
});
