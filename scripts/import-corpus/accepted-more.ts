/** More files the import must accept: other formats and spellings (illustrative figures). */

import { cp949Csv, htmlTable, utf8BomCsv, utf16Text, workbook } from './bytes.js';
import { type CorpusFile, long, template, wideByName } from './entry.js';

const date = (year: number, month: number, day = 1) => new Date(Date.UTC(year, month - 1, day));

export const acceptedMore: CorpusFile[] = [
  {
    file: '16-carbon-korean-dates-cp949.csv',
    about: '탄소중립정책과: 기준월을 한국식 날짜 표기(2024. 4.)로 적은 친환경차 보급 실적, CP949',
    user: 'carbon.head',
    mapping: long('지표코드', 'code', '기준월', '실적', '비고'),
    bytes: () =>
      cp949Csv([
        ['지표코드', '기준월', '실적', '비고'],
        ['SAF-04', '2024. 4.', '1,211', null],
        ['SAF-04', '2024. 5.', '1,318', null],
        ['SAF-04', '2024.6.', '1,262', '보조금 2차 공고'],
      ]),
    expect: {
      outcome: 'accepted',
      headerRow: 1,
      values: [
        ['SAF-04', '2024-04', 1211],
        ['SAF-04', '2024-05', 1318],
        ['SAF-04', '2024-06', 1262],
      ],
    },
  },
  {
    file: '17-tourism-trailing-empties.xlsx',
    about:
      '관광마이스국: 서식만 남은 빈 행·열(테두리, 숫자 서식, 공백 한 칸)이 아래와 오른쪽에 있는 통합 문서',
    user: 'tourism.head',
    mapping: template,
    bytes: () =>
      workbook((book) => {
        const sheet = book.addWorksheet('실적');
        sheet.addRow(['지표 코드', '기간', '값']);
        sheet.addRow(['CUL-02', '2024-Q2', 43]);
        for (let row = 3; row <= 30; row++)
          for (const column of ['A', 'B', 'C', 'D', 'E', 'F'])
            sheet.getCell(`${column}${row}`).border = { bottom: { style: 'thin' } };
        sheet.getCell('H40').numFmt = '#,##0';
        sheet.getCell('E2').value = '   ';
      }),
    expect: {
      outcome: 'accepted',
      format: 'xlsx',
      headerRow: 1,
      values: [['CUL-02', '2024-Q2', 43]],
    },
  },
  {
    file: '18-tourism-system-export.xls',
    about: '관광마이스국: 업무 시스템의 "엑셀 저장"이 내려준 .xls(실제로는 HTML 표, 제목 칸 병합)',
    user: 'tourism.head',
    mapping: wideByName,
    bytes: () =>
      htmlTable('외국인 관광객 월별 현황 (2024년 4분기)', [
        ['지표명', '2024년 10월', '2024년 11월', '2024년 12월'],
        ['외국인 관광객 수', '291,200', '254,300', '249,800'],
      ]),
    expect: {
      outcome: 'accepted',
      format: 'html-table',
      headerRow: 2,
      values: [
        ['CUL-01', '2024-10', 291200],
        ['CUL-01', '2024-11', 254300],
        ['CUL-01', '2024-12', 249800],
      ],
    },
  },
  {
    file: '19-carbon-two-sheets.xlsx',
    about: '탄소중립정책과: 첫 시트가 "작성요령", 실적은 둘째 시트 "실적"(사용자가 시트를 고름)',
    user: 'carbon.head',
    mapping: template,
    sheet: '실적',
    bytes: () =>
      workbook((book) => {
        const guide = book.addWorksheet('작성요령');
        guide.addRow(['1. 지표코드는 시스템 코드를 그대로 입력']);
        guide.addRow(['2. 기간은 2024-07 형식으로 입력']);
        const sheet = book.addWorksheet('실적');
        sheet.addRow(['지표코드', '기간', '실적']);
        sheet.addRow(['SAF-04', '2024-07', 1152]);
        sheet.addRow(['SAF-04', '2024-08', 981]);
        sheet.getColumn(2).numFmt = '@';
      }),
    expect: {
      outcome: 'accepted',
      format: 'xlsx',
      headerRow: 1,
      values: [
        ['SAF-04', '2024-07', 1152],
        ['SAF-04', '2024-08', 981],
      ],
    },
  },
  {
    file: '20-tourism-date-headers.xlsx',
    about: '관광마이스국: 월 머리글이 날짜 셀(yyyy"년" m"월" 서식)인 가로형 통합 문서',
    user: 'tourism.head',
    mapping: wideByName,
    bytes: () =>
      workbook((book) => {
        const sheet = book.addWorksheet('월별');
        sheet.addRow(['지표명', date(2024, 1), date(2024, 2), date(2024, 3)]);
        sheet.addRow(['외국인 관광객 수', 180512, 195030, 231450]);
        for (const column of [2, 3, 4]) sheet.getRow(1).getCell(column).numFmt = 'yyyy"년" m"월"';
      }),
    expect: {
      outcome: 'accepted',
      format: 'xlsx',
      headerRow: 1,
      values: [
        ['CUL-01', '2024-01', 180512],
        ['CUL-01', '2024-02', 195030],
        ['CUL-01', '2024-03', 231450],
      ],
    },
  },
  {
    file: '21-tourism-iso-dates-quarterly.csv',
    about: '관광마이스국: 분기 지표(크루즈 관광객)의 기준일을 분기 말 날짜(2024-03-31)로 적은 CSV',
    user: 'tourism.head',
    mapping: long('지표명', 'name', '기준일', '실적'),
    bytes: () =>
      utf8BomCsv([
        ['지표명', '기준일', '실적'],
        ['크루즈 관광객', '2024-03-31', '32,810'],
        ['크루즈 관광객', '2024-06-30', '61,240'],
      ]),
    expect: {
      outcome: 'accepted',
      headerRow: 1,
      values: [
        ['CUL-03', '2024-Q1', 32810],
        ['CUL-03', '2024-Q2', 61240],
      ],
    },
  },
  {
    file: '22-fin-yyyymm-cp949.csv',
    about: '금융창업정책관: 회계 시스템에서 받은 년월(202407) 형식의 창업기업 실적, CP949',
    user: 'fin.head',
    mapping: long('코드', 'code', '년월', '건수'),
    bytes: () =>
      cp949Csv([
        ['코드', '년월', '건수'],
        ['ECO-04', 202407, 45],
        ['ECO-04', 202408, 38],
        ['ECO-04', 202409, 57],
      ]),
    expect: {
      outcome: 'accepted',
      headerRow: 1,
      values: [
        ['ECO-04', '2024-07', 45],
        ['ECO-04', '2024-08', 38],
        ['ECO-04', '2024-09', 57],
      ],
    },
  },
  {
    file: '23-tourism-short-year-cp949.csv',
    about: '관광마이스국: 보고서용 표(○ 제목, 빈 행), 머리글 24년 10월…, "합 계" 열과 비고, CP949',
    user: 'tourism.head',
    mapping: wideByName,
    bytes: () =>
      cp949Csv([
        ['○ 외국인 관광객 유치 실적 (2024년 4분기)'],
        [],
        ['지표명', '24년 10월', '24년 11월', '24년 12월', '합 계', '비고'],
        ['외국인 관광객 수', '291,200', '254,300', '249,800', '795,300', '잠정'],
      ]),
    expect: {
      outcome: 'accepted',
      headerRow: 3,
      values: [
        ['CUL-01', '2024-10', 291200],
        ['CUL-01', '2024-11', 254300],
        ['CUL-01', '2024-12', 249800],
      ],
    },
  },
  {
    file: '24-carbon-dotted-months-utf16.txt',
    about: '탄소중립정책과: 연번/단위/누계/비고 열과 2024.01 형식 월 머리글, "유니코드 텍스트"',
    user: 'carbon.head',
    mapping: wideByName,
    bytes: () =>
      utf16Text([
        ['연번', '지표명', '단위', '2024.01', '2024.02', '2024.03', '누계', '비고'],
        [1, '친환경차(전기·수소차) 보급', '대', 61, 283, 879, '1,223', '국비 보조금 지침 확정 전'],
      ]),
    expect: {
      outcome: 'accepted',
      format: 'text-utf16',
      headerRow: 1,
      values: [
        ['SAF-04', '2024-01', 61],
        ['SAF-04', '2024-02', 283],
        ['SAF-04', '2024-03', 879],
      ],
    },
  },
  {
    file: '25-carbon-formula-values.xlsx',
    about: '탄소중립정책과: 실적 칸이 부문별 감축량의 합 수식(=D2+E2)인 통합 문서(수식의 저장된 값)',
    user: 'carbon.head',
    mapping: template,
    bytes: () =>
      workbook((book) => {
        const sheet = book.addWorksheet('감축실적');
        sheet.addRow(['지표코드', '기간', '실적', '건물', '수송']);
        sheet.addRow(['SAF-02', '2024-Q3', { formula: 'D2+E2', result: 216.4 }, 120.1, 96.3]);
        sheet.addRow(['SAF-02', '2024-Q4', { formula: 'D3+E3', result: 266 }, 150, 116]);
      }),
    expect: {
      outcome: 'accepted',
      format: 'xlsx',
      headerRow: 1,
      values: [
        ['SAF-02', '2024-Q3', 216.4],
        ['SAF-02', '2024-Q4', 266],
      ],
    },
  },
];
