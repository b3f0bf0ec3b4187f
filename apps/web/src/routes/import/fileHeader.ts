/**
 * The first row of a chosen file (its column names), read in the browser for the column-mapping
 * step: the server's refusal names the columns only in its message. Decoding follows the server's
 * importer: UTF-8 (with or without BOM), else CP949 (the Encoding Standard's "euc-kr").
 */

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('euc-kr').decode(bytes);
  }
}

/** The header cells of CSV text: quotes honoured, delimiter the most frequent of , ; tab in the first line. */
export function headerOf(text: string): string[] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiters = [',', ';', '\t'];
  const delimiter =
    delimiters
      .map((d) => ({ d, n: firstLine.split(d).length }))
      .sort((a, b) => b.n - a.n)
      .find((c) => c.n > 1)?.d ?? ',';
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else if (char === '\n' || char === '\r') break;
    else cell += char;
  }
  cells.push(cell.trim());
  return cells.filter((c, index) => c !== '' || index < cells.length - 1);
}

export async function readHeader(file: File): Promise<string[]> {
  // The header row is at the start; 64 KB is plenty and keeps large files cheap.
  const bytes = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  return headerOf(decode(bytes));
}

const PERIOD_FORMS = [
  /^\d{4}\s*[-./]\s*\d{1,2}\.?$/,
  /^\d{6}$/,
  /^\d{4}\s*년\s*\d{1,2}\s*월$/,
  /^\d{4}\s*[-./ ]?\s*Q[1-4]$/i,
  /^\d{4}\s*년\s*[1-4]\s*분기$/,
  /^Q[1-4]\s*[-./ ]?\s*\d{4}$/i,
];

/** Whether a column name reads as a month or quarter (2024-01, 2024년 1월, 2024-Q1), to tick it by default. */
export function looksLikePeriod(header: string): boolean {
  const text = header.trim();
  return PERIOD_FORMS.some((form) => form.test(text));
}
