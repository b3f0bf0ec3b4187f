/** Files the import must accept: the values each would write (illustrative figures). */

import { templateWorkbook } from '@tangible/api';
import { cp949Csv, utf8BomCsv, utf8Csv, utf16Text, workbook } from './bytes.js';
import { type CorpusFile, long, template, wideByName } from './entry.js';

const date = (year: number, month: number, day = 1) => new Date(Date.UTC(year, month - 1, day));

export const accepted: CorpusFile[] = [
  {
    file: '01-tourism-template-utf8.csv',
    about: '관광마이스국: 내려받은 서식(영문 머리글)에 3월 실적을 채워 "CSV UTF-8"로 저장',
    user: 'tourism.head',
    mapping: template,
    bytes: () =>
      utf8BomCsv([
        ['kpi_code', 'kpi_name', 'period', 'value', 'note', 'evidence_url'],
        [
          'CUL-01',
          '외국인 관광객 수',
          '2024-03',
          231450,
          '3월 크루즈 기항 재개',
          'https://www.busan.go.kr/tour',
        ],
        ['CUL-03', '크루즈 관광객', '2024-Q1', 32810, null, null],
      ]),
    expect: {
      outcome: 'accepted',
      format: 'csv',
      encoding: 'UTF-8 (BOM)',
      headerRow: 1,
      values: [
        ['CUL-01', '2024-03', 231450],
        ['CUL-03', '2024-Q1', 32810],
      ],
      // 32,810 cruise passengers in a quarter of a 230,000 year: off track, and the row has no commentary.
      commentaryOwed: [['D3', 'commentary_owed']],
    },
  },
  {
    file: '02-fin-template-korean-cp949.csv',
    about: '금융창업정책관: 한글 머리글 서식을 한국어 엑셀 "CSV (쉼표로 분리)"(CP949)로 저장',
    user: 'fin.head',
    mapping: template,
    bytes: () =>
      cp949Csv([
        ['지표 코드', '지표명', '기간', '값', '비고'],
        ['ECO-04', '창업기업 지원', '2024-01', 19, null],
        ['ECO-04', '창업기업 지원', '2024-02', 33, '추가 선정 1건 반영'],
        ['ECO-05', '창업·벤처 투자펀드 조성액', '2024-Q1', 82.5, null],
      ]),
    expect: {
      outcome: 'accepted',
      format: 'csv',
      encoding: 'CP949',
      headerRow: 1,
      values: [
        ['ECO-04', '2024-01', 19],
        ['ECO-04', '2024-02', 33],
        ['ECO-05', '2024-Q1', 82.5],
      ],
      // 52 startups by February of a 600 year, 82.5 of a 1,000 fund by March: each value slips, none explained.
      commentaryOwed: [
        ['D2', 'commentary_owed'],
        ['D3', 'commentary_owed'],
        ['D4', 'commentary_owed'],
      ],
    },
  },
  {
    file: '03-tourism-wide-monthly-cp949.csv',
    about: '관광마이스국: 상반기 월별 실적표(제목·단위 행, 연번/단위/합계/비고 열, 합계 행), CP949',
    user: 'tourism.head',
    mapping: wideByName,
    bytes: () =>
      cp949Csv([
        ['2024년 관광마이스국 외국인 관광객 월별 실적'],
        ['(단위: 명)'],
        [],
        ['연번', '지표명', '단위', '1월', '2월', '3월', '4월', '5월', '6월', '합계', '비고'],
        [
          1,
          '외국인 관광객 수',
          '명',
          '180,512',
          '195,030',
          '231,450',
          '250,870',
          '255,310',
          '240,160',
          '1,353,332',
          '상반기 잠정',
        ],
        [
          '합계',
          null,
          null,
          '180,512',
          '195,030',
          '231,450',
          '250,870',
          '255,310',
          '240,160',
          '1,353,332',
          null,
        ],
      ]),
    expect: {
      outcome: 'accepted',
      encoding: 'CP949',
      headerRow: 4,
      values: [
        ['CUL-01', '2024-01', 180512],
        ['CUL-01', '2024-02', 195030],
        ['CUL-01', '2024-03', 231450],
        ['CUL-01', '2024-04', 250870],
        ['CUL-01', '2024-05', 255310],
        ['CUL-01', '2024-06', 240160],
      ],
    },
  },
  {
    file: '04-tourism-total-typo-cp949.csv',
    about: '관광마이스국: 3분기 월별 실적, 누계 칸에 오타(780,350): 경고만 하고 월별 값은 가져옴',
    user: 'tourism.head',
    mapping: wideByName,
    bytes: () =>
      cp949Csv([
        ['관광마이스국 3분기 외국인 관광객 실적'],
        ['연번', '지표명', '단위', '7월', '8월', '9월', '누계', '비고'],
        [1, '외국인 관광객 수', '명', '256,100', '271,800', '262,450', '780,350', null],
      ]),
    expect: {
      outcome: 'accepted',
      headerRow: 2,
      values: [
        ['CUL-01', '2024-07', 256100],
        ['CUL-01', '2024-08', 271800],
        ['CUL-01', '2024-09', 262450],
      ],
      warnings: [['G3', 'total_mismatch']],
    },
  },
  {
    file: '05-tourism-quarterly-utf16.txt',
    about:
      '관광마이스국: 분기 실적을 엑셀 "유니코드 텍스트"(UTF-16, 탭 구분)로 저장, 단위를 붙여 쓴 값과 "-", "미집계"',
    user: 'tourism.head',
    mapping: wideByName,
    bytes: () =>
      utf16Text([
        ['지표명', '단위', '1분기', '2분기', '3분기', '4분기'],
        ['국제회의 개최 건수', '건', '33건', '41건', '-', '미집계'],
        ['크루즈 관광객', '명', '32,810명', '61,240명', '58,020명', '-'],
      ]),
    expect: {
      outcome: 'accepted',
      format: 'text-utf16',
      encoding: 'UTF-16LE',
      headerRow: 1,
      values: [
        ['CUL-02', '2024-Q1', 33],
        ['CUL-02', '2024-Q2', 41],
        ['CUL-03', '2024-Q1', 32810],
        ['CUL-03', '2024-Q2', 61240],
        ['CUL-03', '2024-Q3', 58020],
      ],
      notReported: [
        ['E2', '-'],
        ['F2', '미집계'],
        ['F3', '-'],
      ],
    },
  },
  {
    file: '06-fin-quarterly.xlsx',
    about: '금융창업정책관: 병합된 제목, 작성일 행, 수식 합계 열과 합계 행이 있는 분기 실적 통합 문서',
    user: 'fin.head',
    mapping: wideByName,
    bytes: () =>
      workbook((book) => {
        const sheet = book.addWorksheet('실적');
        sheet.getCell('A1').value = '2024년 금융창업정책관 분기별 실적';
        sheet.mergeCells('A1:H1');
        sheet.getCell('A2').value = '작성: 금융창업정책관 (2025. 1. 10.)';
        sheet.getRow(3).values = ['연번', '지표명', '단위', '1분기', '2분기', '3분기', '4분기', '합계'];
        sheet.getRow(4).values = [1, '국내외 금융기관 유치', '개', 2, 4, 3, 6];
        sheet.getRow(5).values = [2, '블록체인·핀테크 기업 유치', '개사', 6, 7, '-', 8];
        sheet.getCell('H4').value = { formula: 'SUM(D4:G4)', result: 15 };
        sheet.getCell('H5').value = { formula: 'SUM(D5:G5)', result: 21 };
        sheet.getCell('A6').value = '합계';
        sheet.mergeCells('A6:C6');
        for (const [column, result] of [
          ['D', 8],
          ['E', 11],
          ['F', 3],
          ['G', 14],
          ['H', 36],
        ] as const)
          sheet.getCell(`${column}6`).value = { formula: `SUM(${column}4:${column}5)`, result };
      }),
    expect: {
      outcome: 'accepted',
      format: 'xlsx',
      headerRow: 3,
      values: [
        ['ECO-01', '2024-Q1', 2],
        ['ECO-01', '2024-Q2', 4],
        ['ECO-01', '2024-Q3', 3],
        ['ECO-01', '2024-Q4', 6],
        ['ECO-02', '2024-Q1', 6],
        ['ECO-02', '2024-Q2', 7],
        ['ECO-02', '2024-Q4', 8],
      ],
      notReported: [['실적!F5', '-']],
    },
  },
  {
    file: '07-fin-long-date-cells.xlsx',
    about: '금융창업정책관: 창업기업 월별 실적, 기준월이 날짜 서식(yyyy-mm, yyyy"년" m"월") 셀',
    user: 'fin.head',
    mapping: long('지표코드', 'code', '기준월', '실적', '비고'),
    bytes: () =>
      workbook((book) => {
        const sheet = book.addWorksheet('창업기업');
        sheet.addRow(['지표코드', '기준월', '실적', '비고']);
        const values = [19, 33, 62, 71, 57, 50];
        values.forEach((value, i) => {
          const row = sheet.addRow(['ECO-04', date(2024, i + 1), value, i === 3 ? '공고 일정 변경' : null]);
          row.getCell(2).numFmt = i < 3 ? 'yyyy-mm' : 'yyyy"년" m"월"';
        });
      }),
    expect: {
      outcome: 'accepted',
      format: 'xlsx',
      headerRow: 1,
      values: [
        ['ECO-04', '2024-01', 19],
        ['ECO-04', '2024-02', 33],
        ['ECO-04', '2024-03', 62],
        ['ECO-04', '2024-04', 71],
        ['ECO-04', '2024-05', 57],
        ['ECO-04', '2024-06', 50],
      ],
    },
  },
  {
    file: '08-carbon-excel-serials.csv',
    about: '탄소중립정책과: 날짜 서식이 빠진 채 저장되어 기준월이 엑셀 일련번호(45292…)로 남은 CSV',
    user: 'carbon.head',
    mapping: long('지표명', 'name', '기준월', '실적'),
    bytes: () =>
      utf8BomCsv([
        ['지표명', '기준월', '실적'],
        ['친환경차(전기·수소차) 보급', 45292, 61],
        ['친환경차(전기·수소차) 보급', 45323, 283],
        ['친환경차(전기·수소차) 보급', 45352, 879],
      ]),
    expect: {
      outcome: 'accepted',
      headerRow: 1,
      values: [
        ['SAF-04', '2024-01', 61],
        ['SAF-04', '2024-02', 283],
        ['SAF-04', '2024-03', 879],
      ],
    },
  },
  {
    file: '09-carbon-mixed-frequencies.xlsx',
    about: '탄소중립정책과: 연간(2024년)과 분기(2024년 1분기) 지표를 한 시트에, 값은 숫자 셀',
    user: 'carbon.head',
    mapping: template,
    bytes: () =>
      workbook((book) => {
        const sheet = book.addWorksheet('Sheet1');
        sheet.addRow(['지표코드', '기간', '실적', '비고']);
        sheet.addRow(['SAF-01', '2024년', 15.912, '잠정치 (2025. 3. 확정 예정)']);
        sheet.addRow(['SAF-02', '2024년 1분기', 151.5, null]);
        sheet.addRow(['SAF-02', '2024년 2분기', 193.2, null]);
      }),
    expect: {
      outcome: 'accepted',
      format: 'xlsx',
      headerRow: 1,
      values: [
        ['SAF-01', '2024', 15.912],
        ['SAF-02', '2024-Q1', 151.5],
        ['SAF-02', '2024-Q2', 193.2],
      ],
    },
  },
  {
    file: '10-airport-annual.csv',
    about: '신공항추진본부: 연간 지표 한 줄, 값에 단위(7개사), 다른 프로그램이 만든 BOM 없는 UTF-8',
    user: 'airport.head',
    mapping: long('지표명', 'name', '연도', '실적', '비고'),
    bytes: () =>
      utf8Csv([
        ['지표명', '연도', '실적', '비고'],
        ['공항복합도시 앵커기업 투자의향 확보', 2024, '7개사', '투자의향서(LOI) 기준'],
      ]),
    expect: {
      outcome: 'accepted',
      encoding: 'UTF-8',
      headerRow: 1,
      values: [['BAL-02', '2024', 7]],
      // 7 anchor companies of the year's 10: the year ends short of its target, and no commentary.
      commentaryOwed: [['C2', 'commentary_owed']],
    },
  },
  {
    file: '11-fin-unit-words-cp949.csv',
    about: '금융창업정책관: 분기 열(2024년 1분기…)에 단위를 붙여 쓴 값(2개기관, 7사, 82.5억원)',
    user: 'fin.head',
    mapping: wideByName,
    bytes: () =>
      cp949Csv([
        ['지표명', '2024년 1분기', '2024년 2분기', '2024년 3분기', '2024년 4분기'],
        ['국내외 금융기관 유치', '2개기관', '4기관', '3개기관', '6개기관'],
        ['블록체인·핀테크 기업 유치', '6개사', '7사', '9개사', '8개사'],
        ['창업·벤처 투자펀드 조성액', '82.5억원', '171억', '312억원', '421.3억원'],
      ]),
    expect: {
      outcome: 'accepted',
      headerRow: 1,
      values: [
        ['ECO-01', '2024-Q1', 2],
        ['ECO-01', '2024-Q2', 4],
        ['ECO-01', '2024-Q3', 3],
        ['ECO-01', '2024-Q4', 6],
        ['ECO-02', '2024-Q1', 6],
        ['ECO-02', '2024-Q2', 7],
        ['ECO-02', '2024-Q3', 9],
        ['ECO-02', '2024-Q4', 8],
        ['ECO-05', '2024-Q1', 82.5],
        ['ECO-05', '2024-Q2', 171],
        ['ECO-05', '2024-Q3', 312],
        ['ECO-05', '2024-Q4', 421.3],
      ],
    },
  },
  {
    file: '12-tourism-fullwidth-cp949.csv',
    about: '관광마이스국: 한글 입력기의 전각 숫자(２５０，８７０)로 입력한 기간과 값, CP949',
    user: 'tourism.head',
    mapping: long('지표명', 'name', '기간', '실적'),
    bytes: () =>
      cp949Csv([
        ['지표명', '기간', '실적'],
        ['외국인 관광객 수', '２０２４년 ４월', '２５０，８７０'],
        ['외국인 관광객 수', '２０２４년 ５월', '２５５３１０'],
      ]),
    expect: {
      outcome: 'accepted',
      encoding: 'CP949',
      headerRow: 1,
      values: [
        ['CUL-01', '2024-04', 250870],
        ['CUL-01', '2024-05', 255310],
      ],
    },
  },
  {
    file: '13-fin-name-variants.csv',
    about: '금융창업정책관: 지표명을 손으로 입력(띄어쓰기, ㆍ와 . 가운뎃점, 전각 괄호), 1/4분기 머리글',
    user: 'fin.head',
    mapping: wideByName,
    bytes: () =>
      utf8BomCsv([
        ['지표명', '1/4분기', '2/4분기'],
        ['국내외  금융기관유치', 2, 4],
        ['블록체인ㆍ핀테크 기업 유치', 6, 7],
        ['창업.벤처 투자펀드 조성액', 82.5, 171],
        ['부산디지털자산거래소（비단） 거래지원 상품 수', 1, 2],
      ]),
    expect: {
      outcome: 'accepted',
      headerRow: 1,
      values: [
        ['ECO-01', '2024-Q1', 2],
        ['ECO-01', '2024-Q2', 4],
        ['ECO-02', '2024-Q1', 6],
        ['ECO-02', '2024-Q2', 7],
        ['ECO-05', '2024-Q1', 82.5],
        ['ECO-05', '2024-Q2', 171],
        ['ECO-03', '2024-Q1', 1],
        ['ECO-03', '2024-Q2', 2],
      ],
    },
  },
  {
    file: '14-tourism-placeholders.csv',
    about: '관광마이스국: 아직 집계되지 않은 칸에 -, N/A, 해당없음, 미집계, 자료없음, – 를 적은 분기표',
    user: 'tourism.head',
    mapping: wideByName,
    bytes: () =>
      utf8BomCsv([
        ['지표명', '1분기', '2분기', '3분기', '4분기'],
        ['국제회의 개최 건수', 33, '-', 'N/A', '해당없음'],
        ['크루즈 관광객', '미집계', '자료없음', '–', '37,100'],
      ]),
    expect: {
      outcome: 'accepted',
      headerRow: 1,
      values: [
        ['CUL-02', '2024-Q1', 33],
        ['CUL-03', '2024-Q4', 37100],
      ],
      notReported: [
        ['C2', '-'],
        ['D2', 'N/A'],
        ['E2', '해당없음'],
        ['B3', '미집계'],
        ['C3', '자료없음'],
        ['D3', '–'],
      ],
    },
  },
  {
    file: '15-tourism-template-unchanged.xlsx',
    about: '관광마이스국: xlsx 서식을 내려받아 고치지 않고 다시 올림(승인된 값 그대로, 빈 값 하나)',
    user: 'tourism.head',
    mapping: template,
    bytes: () =>
      templateWorkbook(
        [
          ['CUL-01', '외국인 관광객 수', '2024-01', 180000, '', ''],
          ['CUL-01', '외국인 관광객 수', '2024-02', 195000, '', ''],
          ['CUL-02', '국제회의 개최 건수', '2024-Q1', 32, '', ''],
          ['CUL-03', '크루즈 관광객', '2024-Q1', '', '', ''],
        ],
        'ko',
      ),
    expect: {
      outcome: 'nothing_to_import',
      format: 'xlsx',
      headerRow: 1,
      values: [
        ['CUL-01', '2024-01', 180000],
        ['CUL-01', '2024-02', 195000],
        ['CUL-02', '2024-Q1', 32],
      ],
      notReported: [['실적!D5', null]],
    },
  },
];
