import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages({
  ko: {
    title: '지표 목록',
    intro: '계획의 모든 지표를 분야·부서·상태로 골라 달성률이나 상태 순으로 봅니다.',
    asOfDate: '{{date}} 기준',
    sector: '분야',
    allSectors: '전체 분야',
    department: '부서',
    allDepartments: '전체 부서',
    status: '상태',
    allStatuses: '전체 상태',
    count: '지표 {{count}}개',
    caption: '지표 목록',
    pages: '지표 목록 페이지',
    empty: '조건에 맞는 지표가 없습니다.',
  },
  en: {
    title: 'Indicators',
    intro: 'Every indicator of the plan, chosen by sector, department and status, in the order you pick.',
    asOfDate: 'As of {{date}}',
    sector: 'Sector',
    allSectors: 'All sectors',
    department: 'Department',
    allDepartments: 'All departments',
    status: 'Status',
    allStatuses: 'All statuses',
    count: '{{count}} indicators',
    caption: 'Indicators',
    pages: 'Pages of indicators',
    empty: 'No indicator matches.',
  },
});
