import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages({
  ko: {
    title: '구·군 비교',
    intro: '{{city}} 산하 구·군의 계획 달성도, 지표 상태, 공통 지표를 나란히 봅니다',
    asOfDate: '{{date}} 기준',
    noScore: '산정 불가',
    districtsCaption: '구·군별 달성도와 지표 상태',
    colDistrict: '구·군',
    colPlan: '계획',
    colScore: '달성도',
    colIndicators: '지표 수',
    sharedTitle: '공통 지표',
    sharedIntro: '같은 지표 코드로 관리하는 지표: 구·군마다 누계 실적, 누계 목표, 달성률, 상태',
    sharedCaption: '공통 지표의 구·군별 실적과 달성률',
    colIndicator: '지표',
    actualOfTarget: '{{actual}} / {{target}}',
    notInPlan: '해당 없음',
    noDistricts: '이 연도에 계획이 있는 구·군이 없습니다.',
    noShared: '구·군이 함께 쓰는 지표가 없습니다.',
  },
  en: {
    title: 'Districts compared',
    intro:
      'The districts of {{city}} side by side: plan attainment, indicator status and the indicators they share',
    asOfDate: 'As of {{date}}',
    noScore: 'no score',
    districtsCaption: 'Attainment and indicator status by district',
    colDistrict: 'District',
    colPlan: 'Plan',
    colScore: 'Attainment',
    colIndicators: 'Indicators',
    sharedTitle: 'Shared indicators',
    sharedIntro:
      'Indicators kept under the same code: for each district, actual and target to date, attainment and status',
    sharedCaption: 'Shared indicators by district: actual, attainment and status',
    colIndicator: 'Indicator',
    actualOfTarget: '{{actual}} of {{target}}',
    notInPlan: 'not in its plan',
    noDistricts: 'No district has a plan for this year.',
    noShared: 'The districts share no indicator.',
  },
});
