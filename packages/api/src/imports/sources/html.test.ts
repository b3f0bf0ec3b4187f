/**
 * An HTML table saved as .xls, numbered as Excel numbers it: the text above the table (a title, a
 * line of who made it, a caption, a table before) takes the rows Excel gives it, so a problem in
 * the table is at the row the person finds in Excel.
 */

import { describe, expect, it } from 'vitest';
import { sheetsFromHtml } from './html.js';

const numbered = (html: string) =>
  sheetsFromHtml(html).map((sheet) => [sheet.name, sheet.rows.map((r) => [r.row, r.cells[0]?.text])]);

const table = (...rows: string[]) =>
  `<table>${rows
    .map(
      (row) =>
        `<tr>${row
          .split(',')
          .map((c) => `<td>${c}</td>`)
          .join('')}</tr>`,
    )
    .join('')}</table>`;

describe('an HTML table’s rows, as Excel numbers them', () => {
  it('starts at row 1 when nothing is above it, whatever the source’s spacing', () => {
    expect(
      numbered(`<html><head><title>실적</title><style>td{}</style></head><body>
        <div>  </div><p></p>
        ${table('지표,기간,값', '관광객,2024-03,1')}</body></html>`),
    ).toEqual([
      [
        null,
        [
          [1, '지표'],
          [2, '관광객'],
        ],
      ],
    ]);
  });

  it('moves the table down a row for each line of text above it: headings, paragraphs, line breaks', () => {
    const page = `<body>
      <h1>2024년 관광 실적</h1>
      <p>작성: 관광진흥과<br>기준: 2024년 12월</p>
      <p>&nbsp;</p>
      ${table('지표,기간,값', '관광객,2024-03,1')}
      <p>※ 잠정치</p></body>`;
    // Title (1), two lines of the paragraph (2, 3), the blank paragraph (4), the table from 5.
    expect(numbered(page)).toEqual([
      [
        null,
        [
          [5, '지표'],
          [6, '관광객'],
        ],
      ],
    ]);
  });

  it('counts a caption as the row above its table, and a <br> with nothing before it as a blank row', () => {
    const page = `<body>실적 현황<br><br>
      <table><caption>단위: 명</caption><tr><td>지표</td></tr><tr><td>관광객</td></tr></table></body>`;
    // The text (1), a blank row (2), the caption (3), the table from 4.
    expect(numbered(page)).toEqual([
      [
        null,
        [
          [4, '지표'],
          [5, '관광객'],
        ],
      ],
    ]);
  });

  it('puts a second table under the first, its empty and hidden rows counted, as one sheet in Excel', () => {
    const page = `<body><h2>조회 조건</h2>
      <table><tr><td>기간</td><td>2024</td></tr><tr></tr><tr style="display:none"><td>x</td></tr></table>
      <p>조회 결과</p>
      ${table('지표,기간,값', '관광객,2024-03,1')}</body>`;
    expect(numbered(page)).toEqual([
      [
        '표1',
        [
          [2, '기간'],
          [4, 'x'],
        ],
      ],
      [
        '표2',
        [
          [6, '지표'],
          [7, '관광객'],
        ],
      ],
    ]);
  });

  it('keeps a table laid out inside another’s cell out of the count', () => {
    const page = `<body><p>제목</p><table><tr><td><table><tr><td>안</td></tr><tr><td>안</td></tr></table></td></tr>
      <tr><td>관광객</td></tr></table></body>`;
    expect(numbered(page)).toEqual([
      [
        null,
        [
          [2, '안안'],
          [3, '관광객'],
        ],
      ],
    ]);
  });
});
