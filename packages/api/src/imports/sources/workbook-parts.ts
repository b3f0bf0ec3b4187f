/**
 * Review 9: a workbook written part by part, in the order given, so that the streamed and the whole
 * readings can be compared on parts as other writers produce them (inline strings, phonetic runs,
 * t="d" cells, absolute relationship targets, sheet parts out of tab order, an entry the central
 * directory does not list). Test support only.
 */

import { crc32, deflateRawSync } from 'node:zlib';

export type Part = [name: string, content: string];

/** A zip of the parts in order; `unlisted` parts are written but left out of the central directory. */
export function zipOf(parts: Part[], unlisted: Part[] = []): Uint8Array {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  const all = [
    ...parts.map((p) => ({ part: p, listed: true })),
    ...unlisted.map((p) => ({ part: p, listed: false })),
  ];
  // Unlisted parts go first, before the sheets, as a local entry the directory does not name.
  all.sort((a, b) => Number(a.listed) - Number(b.listed));
  for (const { part, listed } of all) {
    const [name, content] = part;
    const data = Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const sum = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(sum, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    if (listed) {
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(0x0800, 8);
      entry.writeUInt16LE(8, 10);
      entry.writeUInt32LE(sum, 16);
      entry.writeUInt32LE(packed.length, 20);
      entry.writeUInt32LE(data.length, 24);
      entry.writeUInt16LE(nameBytes.length, 28);
      entry.writeUInt32LE(offset, 42);
      directory.push(entry, nameBytes);
    }
    offset += 30 + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = all.filter((p) => p.listed).length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export interface SheetPart {
  name: string;
  file: number;
  state?: 'hidden';
  rows: string;
}

/**
 * The parts of a workbook: sheets listed in `sheets` order (the tab order), each in
 * `xl/worksheets/sheet<file>.xml`; styles give numFmt 164 = yyyy-mm at s="1".
 */
export function workbookParts(
  sheets: SheetPart[],
  options: { sharedStrings?: string[]; absoluteTargets?: boolean; date1904?: boolean } = {},
): { head: Part[]; sheetParts: Part[]; tail: Part[] } {
  const target = (file: number) =>
    options.absoluteTargets ? `/xl/worksheets/sheet${file}.xml` : `worksheets/sheet${file}.xml`;
  const rels = sheets
    .map(
      (s) =>
        `<Relationship Id="rId${s.file}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${target(s.file)}"/>`,
    )
    .join('');
  const strings = options.sharedStrings
    ? `<Relationship Id="rId900" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
    : '';
  const head: Part[] = [
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((s) => `<Override PartName="/xl/worksheets/sheet${s.file}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${options.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} ${R}><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.map((s) => `<sheet name="${s.name}" sheetId="${s.file}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${s.file}"/>`).join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rId901" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${strings}</Relationships>`,
    ],
    [
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ],
  ];
  if (options.sharedStrings)
    head.push([
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="${options.sharedStrings.length}" uniqueCount="${options.sharedStrings.length}">${options.sharedStrings.join('')}</sst>`,
    ]);
  const sheetParts: Part[] = sheets.map((s) => [
    `xl/worksheets/sheet${s.file}.xml`,
    `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS} ${R}><sheetData>${s.rows}</sheetData></worksheet>`,
  ]);
  return { head, sheetParts, tail: [] };
}

/** The usual order: workbook, rels, styles, shared strings, then the sheets. */
export function workbookBytes(...args: Parameters<typeof workbookParts>): Uint8Array {
  const { head, sheetParts } = workbookParts(...args);
  return zipOf([...head, ...sheetParts]);
}
