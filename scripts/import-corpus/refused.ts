/**
 * Files the import must refuse, each for its exact reason at its exact cell, the other rows read
 * as they are (illustrative figures).
 */

import { cp949Csv, legacyXls, utf8BomCsv, utf16Text, workbook } from './bytes.js';
import { type CorpusFile, long, template, wideByName } from './entry.js';

export const refused: CorpusFile[] = [
  {
    file: '26-fin-excel-2024-1.xlsx',
    about: '금융창업정책관: 기준월을 2024.09, 2024.10, 2024.11로 입력해 엑셀이 숫자로 저장(2024.10 → 2024.1)',
    user: 'fin.head',
    mapping: long('지표코드', 'code', '기준월', '실적'),
    bytes: () =>
      workbook((book) => {
        const sheet = book.addWorksheet('실적');
        sheet.addRow(['지표코드', '기준월', '실적']);
        sheet.addRow(['ECO-04', 2024.09, 57]);
        sheet.addRow(['ECO-04', 2024.1, 64]);
        sheet.addRow(['ECO-04', 2024.11, 53]);
        sheet.addRow(['ECO-04', 2024.12, 47]);
      }),
    expect: {
      outcome: 'refused',
      format: 'xlsx',
      headerRow: 1,
      values: [
        ['ECO-04', '2024-09', 57],
        ['ECO-04', '2024-11', 53],
        ['ECO-04', '2024-12', 47],
      ],
      problems: [['실적!B3', 'ambiguous_period']],
    },
  },
  {
    file: '27-tourism-ambiguous-text-cp949.csv',
    about: '관광마이스국: 기준월을 2024.9, 2024.1로 적은 CSV(2024.1은 1월인지 10월인지 알 수 없음)',
    user: 'tourism.head',
    mapping: long('지표명', 'name', '기준월', '실적'),
    bytes: () =>
      cp949Csv([
        ['지표명', '기준월', '실적'],
        ['외국인 관광객 수', '2024.9', '260,450'],
        ['외국인 관광객 수', '2024.1', '290,870'],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [['CUL-01', '2024-09', 260450]],
      problems: [['B3', 'ambiguous_period']],
    },
  },
  {
    file: '28-tourism-scientific.csv',
    about: '관광마이스국: 좁은 열에서 지수 표기(2.55E+05)로 바뀐 채 저장된 값',
    user: 'tourism.head',
    mapping: template,
    bytes: () =>
      utf8BomCsv([
        ['지표 코드', '기간', '값'],
        ['CUL-01', '2024-05', '2.55E+05'],
        ['CUL-01', '2024-06', 240160],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [['CUL-01', '2024-06', 240160]],
      problems: [['C2', 'excel_lost_digits']],
    },
  },
  {
    file: '29-fin-narrow-column-cp949.csv',
    about: '금융창업정책관: 열이 좁아 ########로 보이던 값이 그대로 저장된 CSV',
    user: 'fin.head',
    mapping: template,
    bytes: () =>
      cp949Csv([
        ['지표 코드', '기간', '값'],
        ['ECO-05', '2024-Q2', '########'],
        ['ECO-05', '2024-Q3', 312],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [['ECO-05', '2024-Q3', 312]],
      problems: [['C2', 'excel_column_too_narrow']],
    },
  },
  {
    file: '30-fin-div0.xlsx',
    about: '금융창업정책관: 실적 칸의 수식이 #DIV/0! 오류인 통합 문서',
    user: 'fin.head',
    mapping: template,
    bytes: () =>
      workbook((book) => {
        const sheet = book.addWorksheet('실적');
        sheet.addRow(['지표코드', '기간', '실적']);
        sheet.addRow(['ECO-05', '2024-Q1', 82.5]);
        sheet.addRow(['ECO-05', '2024-Q2', { formula: 'F3/G3', result: { error: '#DIV/0!' } }]);
      }),
    expect: {
      outcome: 'refused',
      format: 'xlsx',
      headerRow: 1,
      values: [['ECO-05', '2024-Q1', 82.5]],
      problems: [['실적!C3', 'excel_error']],
    },
  },
  {
    file: '31-tourism-mixed-departments-cp949.csv',
    about: '관광마이스국: 기획조정실 취합 파일을 그대로 올림(다른 부서 지표 ECO-04, SAF-04가 섞임)',
    user: 'tourism.head',
    mapping: template,
    bytes: () =>
      cp949Csv([
        ['지표 코드', '지표명', '기간', '값', '비고'],
        ['CUL-01', '외국인 관광객 수', '2024-07', '256,100', null],
        ['ECO-04', '창업기업 지원', '2024-07', 45, null],
        ['SAF-04', '친환경차(전기·수소차) 보급', '2024-07', 1152, null],
        ['CUL-03', '크루즈 관광객', '2024-Q3', 58020, null],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [
        ['CUL-01', '2024-07', 256100],
        ['CUL-03', '2024-Q3', 58020],
      ],
      problems: [
        ['A3', 'not_yours'],
        ['A4', 'not_yours'],
      ],
    },
  },
  {
    file: '32-carbon-name-typo.csv',
    about: '탄소중립정책과: 지표명의 가운뎃점을 쉼표로 잘못 입력(친환경차(전기,수소차) 보급)',
    user: 'carbon.head',
    mapping: long('지표명', 'name', '기준월', '실적'),
    bytes: () =>
      utf8BomCsv([
        ['지표명', '기준월', '실적'],
        ['친환경차(전기·수소차) 보급', '2024-01', 61],
        ['친환경차(전기,수소차) 보급', '2024-02', 283],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [['SAF-04', '2024-01', 61]],
      problems: [['A3', 'unknown_indicator_did_you_mean']],
    },
  },
  {
    file: '33-tourism-unit-mismatch-cp949.csv',
    about: '관광마이스국: 건수 지표(국제회의 개최 건수)에 "33명"이라고 적은 분기표',
    user: 'tourism.head',
    mapping: wideByName,
    bytes: () =>
      cp949Csv([
        ['지표명', '1분기', '2분기'],
        ['국제회의 개최 건수', '33명', '41건'],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [['CUL-02', '2024-Q2', 41]],
      problems: [['B2', 'unit_word_mismatch']],
    },
  },
  {
    file: '34-tourism-wrong-frequency.csv',
    about: '관광마이스국: 분기 지표(국제회의 개최 건수)를 월(2024-04)로 적은 서식',
    user: 'tourism.head',
    mapping: template,
    bytes: () =>
      utf8BomCsv([
        ['kpi_code', 'kpi_name', 'period', 'value', 'note', 'evidence_url'],
        ['CUL-02', '국제회의 개최 건수', '2024-04', 14, '4월 개최분', null],
        ['CUL-02', '국제회의 개최 건수', '2024-Q2', 43, null, null],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [['CUL-02', '2024-Q2', 43]],
      problems: [['C2', 'wrong_frequency']],
    },
  },
  {
    file: '35-fin-outside-year-cp949.csv',
    about: '금융창업정책관: 전년도(2023-12) 정정분이 섞인 서식, CP949',
    user: 'fin.head',
    mapping: template,
    bytes: () =>
      cp949Csv([
        ['지표 코드', '기간', '값', '비고'],
        ['ECO-04', '2023-12', 41, '전년도 12월분 정정'],
        ['ECO-04', '2024-01', 19, null],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [['ECO-04', '2024-01', 19]],
      problems: [['B2', 'outside_year']],
    },
  },
  {
    file: '36-tourism-half-year.csv',
    about: '관광마이스국: 분기 지표를 "상반기"로 합쳐 적은 행(반기는 분기로 나눠 입력해야 함)',
    user: 'tourism.head',
    mapping: template,
    bytes: () =>
      utf8BomCsv([
        ['지표코드', '기간', '실적'],
        ['CUL-03', '상반기', '93,250'],
        ['CUL-03', '2024-Q3', '58,020'],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [['CUL-03', '2024-Q3', 58020]],
      problems: [['B2', 'half_year_period']],
    },
  },
  {
    file: '37-tourism-legacy.xls',
    about: '관광마이스국: 엑셀 97-2003 통합 문서(.xls) 형식으로 저장한 파일(머리 부분만)',
    user: 'tourism.head',
    mapping: template,
    bytes: legacyXls,
    expect: { outcome: 'file_refused', fileProblem: 'file_xls_legacy' },
  },
  {
    file: '38-airport-milestones-cp949.csv',
    about: '신공항추진본부: 마일스톤으로 측정하는 지표(BAL-01)에 공정률 값을 적은 서식',
    user: 'airport.head',
    mapping: template,
    bytes: () =>
      cp949Csv([
        ['지표 코드', '지표명', '기간', '값', '비고'],
        ['BAL-01', '가덕도신공항 건설 추진 마일스톤', '2024-06', 35, '부지조성공사 입찰'],
        ['BAL-02', '공항복합도시 앵커기업 투자의향 확보', '2024', 7, null],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [['BAL-02', '2024', 7]],
      problems: [['A2', 'measured_by_milestones']],
    },
  },
  {
    file: '39-fin-not-whole-utf16.txt',
    about: '금융창업정책관: 기관 수에 소수(2.5)를 적은 분기표, "유니코드 텍스트"',
    user: 'fin.head',
    mapping: wideByName,
    bytes: () =>
      utf16Text([
        ['지표명', '1분기', '2분기'],
        ['국내외 금융기관 유치', 2.5, 4],
      ]),
    expect: {
      outcome: 'refused',
      format: 'text-utf16',
      headerRow: 1,
      values: [['ECO-01', '2024-Q2', 4]],
      problems: [['B2', 'not_whole']],
    },
  },
  {
    file: '40-tourism-decimal-comma.csv',
    about: '관광마이스국: 천 단위 쉼표를 잘못 찍은 값("32,81")',
    user: 'tourism.head',
    mapping: long('지표명', 'name', '기간', '실적'),
    bytes: () =>
      utf8BomCsv([
        ['지표명', '기간', '실적'],
        ['크루즈 관광객', '2024-Q1', '32,81'],
        ['크루즈 관광객', '2024-Q2', '61,240'],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [['CUL-03', '2024-Q2', 61240]],
      problems: [['C2', 'unclear_separator']],
    },
  },
  {
    file: '41-carbon-duplicate-cp949.csv',
    about: '탄소중립정책과: 같은 달(2024-01과 2024년 1월)을 두 번 적은 서식, CP949',
    user: 'carbon.head',
    mapping: template,
    bytes: () =>
      cp949Csv([
        ['지표코드', '기간', '실적'],
        ['SAF-04', '2024-01', 61],
        ['SAF-04', '2024년 1월', 60],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [['SAF-04', '2024-01', 61]],
      problems: [['B3', 'duplicate_line']],
    },
  },
  {
    file: '42-fin-percent-cell.xlsx',
    about: '금융창업정책관: 창업기업 수 칸에 백분율 서식(0%)이 걸린 통합 문서(63%로 보임)',
    user: 'fin.head',
    mapping: template,
    bytes: () =>
      workbook((book) => {
        const sheet = book.addWorksheet('실적');
        sheet.addRow(['지표코드', '기간', '실적']);
        sheet.addRow(['ECO-04', '2024-10', 0.63]);
        sheet.addRow(['ECO-04', '2024-11', 53]);
        sheet.getCell('C2').numFmt = '0%';
      }),
    expect: {
      outcome: 'refused',
      format: 'xlsx',
      headerRow: 1,
      values: [['ECO-04', '2024-11', 53]],
      problems: [['실적!C2', 'percent_on_non_percent']],
    },
  },
  {
    file: '43-fin-triangle-cp949.csv',
    about: '금융창업정책관: 전월 대비 증감을 적던 습관대로 △3(감소)을 실적 칸에 적은 표, CP949',
    user: 'fin.head',
    mapping: wideByName,
    bytes: () =>
      cp949Csv([
        ['지표명', '10월', '11월', '12월'],
        ['창업기업 지원', 64, '△3', 47],
      ]),
    expect: {
      outcome: 'refused',
      headerRow: 1,
      values: [
        ['ECO-04', '2024-10', 64],
        ['ECO-04', '2024-12', 47],
      ],
      problems: [['C2', 'minus_sign_below_zero']],
    },
  },
  {
    file: '44-carbon-formula-no-result.xlsx',
    about: '탄소중립정책과: 저장된 값 없이 수식만 있는 실적 칸(다른 프로그램이 만든 통합 문서)',
    user: 'carbon.head',
    mapping: template,
    bytes: () =>
      workbook((book) => {
        const sheet = book.addWorksheet('실적');
        sheet.addRow(['지표코드', '기간', '실적']);
        sheet.addRow(['SAF-02', '2024-Q1', { formula: 'SUM(D2:F2)', date1904: false }]);
        sheet.addRow(['SAF-02', '2024-Q2', 193.2]);
      }),
    expect: {
      outcome: 'refused',
      format: 'xlsx',
      headerRow: 1,
      values: [['SAF-02', '2024-Q2', 193.2]],
      problems: [['실적!C2', 'not_a_number']],
    },
  },
  {
    file: '45-tourism-hidden-copy-row.xlsx',
    // Once refused for the hidden copy's repeat; hidden rows are now never imported, only listed as
    // skipped, so this file is read as the person sees it.
    about: '관광마이스국: 지난달 자료를 복사해 둔 행을 숨기기만 하고 지우지 않은 통합 문서(숨긴 행은 건너뜀)',
    user: 'tourism.head',
    mapping: wideByName,
    bytes: () =>
      workbook((book) => {
        const sheet = book.addWorksheet('실적');
        sheet.addRow(['지표명', '1월', '2월']);
        sheet.addRow(['외국인 관광객 수', 180512, 195030]);
        sheet.addRow(['외국인 관광객 수', 180000, 195000]);
        sheet.getRow(3).hidden = true;
      }),
    expect: {
      outcome: 'accepted',
      format: 'xlsx',
      headerRow: 1,
      values: [
        ['CUL-01', '2024-01', 180512],
        ['CUL-01', '2024-02', 195030],
      ],
    },
  },
  {
    file: '46-tourism-half-year-wide.csv',
    about: '관광마이스국: 분기 지표를 상반기/하반기 열로만 정리한 표(분기로 나눠 입력해야 함)',
    user: 'tourism.head',
    mapping: wideByName,
    bytes: () =>
      utf8BomCsv([
        ['지표명', '상반기', '하반기'],
        ['크루즈 관광객', '93,250', '94,100'],
      ]),
    expect: { outcome: 'mapping_refused', fileProblem: 'half_year_period' },
  },
];
