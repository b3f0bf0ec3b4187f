import { describe, expect, it } from 'vitest';
import { matchName, type NamedIndicator, nameKey, nameProblem } from './names.js';

const indicators: NamedIndicator[] = [
  {
    code: 'ECO-02',
    name_ko: '블록체인·핀테크 기업 유치',
    name_en: 'Blockchain and fintech companies attracted',
  },
  {
    code: 'ECO-05',
    name_ko: '창업·벤처 투자펀드 조성액',
    name_en: 'Startup and venture investment funds raised',
  },
  {
    code: 'ECO-06',
    name_ko: '외국인직접투자(FDI) 신고액',
    name_en: 'Foreign direct investment (FDI) notified',
  },
  { code: 'ECO-14', name_ko: '청년 고용률', name_en: 'Youth employment rate' },
  { code: 'SAF-07', name_ko: '교통사고 사망자 수', name_en: 'Road traffic deaths' },
  { code: 'CUL-01', name_ko: '외국인 관광객 수', name_en: 'Foreign visitors' },
  { code: 'CUL-02', name_ko: '내국인 관광객 수', name_en: 'Domestic visitors' },
];

describe('a name matches after normalisation: middle dots, spacing, brackets, width, case', () => {
  it.each([
    ['블록체인·핀테크 기업 유치', 'ECO-02'],
    ['블록체인ㆍ핀테크 기업 유치', 'ECO-02'],
    ['블록체인‧핀테크 기업 유치', 'ECO-02'],
    ['블록체인.핀테크 기업 유치', 'ECO-02'],
    ['블록체인・핀테크기업유치', 'ECO-02'],
    ['  창업·벤처   투자펀드 조성액 ', 'ECO-05'],
    ['외국인직접투자（FDI）신고액', 'ECO-06'],
    ['외국인직접투자 [FDI] 신고액', 'ECO-06'],
    ['외국인직접투자(ＦＤＩ) 신고액', 'ECO-06'],
    ['청년고용률', 'ECO-14'],
    ['youth EMPLOYMENT rate', 'ECO-14'],
    ['Road\u00a0traffic deaths', 'SAF-07'],
    ['교통사고\u200b 사망자 수', 'SAF-07'],
    ['cul-01', 'CUL-01'],
  ])('%s is %s', (text, code) => {
    expect(matchName(text, indicators)).toEqual({ kind: 'match', code });
  });
});

describe('a name that matches none offers the closest names, Hangul-aware', () => {
  it.each([
    ['교통사고 사망자', ['SAF-07']],
    ['교통사고 사망지 수', ['SAF-07']],
    ['청년 고옹률', ['ECO-14']],
    ['외국인 관광객', ['CUL-01', 'CUL-02']],
    ['ㅊㄴㄱㅇㄹ', ['ECO-14']],
    ['Foreign visitor', ['CUL-01']],
    ['창업 벤처 투자 펀드 조성액', ['ECO-05']],
  ])('%s: did you mean %j?', (text, codes) => {
    const match = matchName(text, indicators);
    expect(match.kind).toBe('none');
    expect(match.kind === 'none' && match.candidates.map((c) => c.code)).toEqual(codes);
  });

  it.each([['주택 공급량'], ['합계'], ['Population']])('%s is far from every name: no candidates', (text) => {
    expect(matchName(text, indicators)).toEqual({ kind: 'none', candidates: [] });
  });

  it('the candidates are offered in the language the name was typed in', () => {
    expect(matchName('교통사고 사망자', indicators)).toEqual({
      kind: 'none',
      candidates: [{ code: 'SAF-07', name: '교통사고 사망자 수' }],
    });
    expect(matchName('Road traffic death', indicators)).toEqual({
      kind: 'none',
      candidates: [{ code: 'SAF-07', name: 'Road traffic deaths' }],
    });
  });
});

describe('a name two indicators share after normalisation is refused with both', () => {
  const twins: NamedIndicator[] = [
    { code: 'A-01', name_ko: '문화·관광 예산', name_en: 'Culture budget' },
    { code: 'B-01', name_ko: '문화ㆍ관광 예산', name_en: 'Tourism budget' },
  ];
  it('문화.관광 예산 names A-01 and B-01', () => {
    expect(matchName('문화.관광 예산', twins)).toEqual({
      kind: 'none',
      ambiguous: true,
      candidates: [
        { code: 'A-01', name: '문화·관광 예산' },
        { code: 'B-01', name: '문화ㆍ관광 예산' },
      ],
    });
  });
});

describe('what the reader is told', () => {
  it.each([
    [
      '교통사고 사망자',
      'unknown_indicator_did_you_mean',
      { value: '교통사고 사망자', year: 2024, candidates: '교통사고 사망자 수 (SAF-07)' },
    ],
    ['주택 공급량', 'unknown_indicator_by_name', { value: '주택 공급량', year: 2024 }],
  ])('%s is refused as %s', (text, code, params) => {
    const match = matchName(text, indicators);
    if (match.kind !== 'none') throw new Error('expected no match');
    expect(nameProblem(text, match, 2024)).toEqual({ code, params });
  });

  it('keys fold every middle dot to one', () => {
    expect(new Set(['a·b', 'aㆍb', 'a‧b', 'a.b', 'a・b', 'a • b'].map(nameKey))).toEqual(new Set(['a·b']));
  });
});
