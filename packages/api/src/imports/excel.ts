/**
 * exceljs, loaded the first time a workbook is read or written: it takes about 0.2 s to load, which
 * every start of the server and of each CLI command would otherwise pay for imports it may never run.
 */

let loading: Promise<typeof import('exceljs')> | null = null;

export async function excel(): Promise<typeof import('exceljs')> {
  loading ??= import('exceljs').then(
    (module) => (module as { default?: typeof import('exceljs') }).default ?? module,
  );
  return loading;
}
