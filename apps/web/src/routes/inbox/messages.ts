import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages({
  ko: {
    title: '할 일',
    intro:
      '내가 처리할 일입니다: 부서의 보고 기한, 반려된 실적, 지시사항과 개선 조치, 승인과 확인을 기다리는 일.',
    empty: '지금 처리할 일이 없습니다.',
    today: '{{year}}년 계획 · {{date}} 기준',
    more: '{{shown}}건 표시 (전체 {{total}}건)',
    open: '열기',
    section: {
      reports_owed: '보고할 실적',
      values_returned: '반려된 실적',
      commentary_owed: '원인 분석·향후 대책을 적어야 승인할 수 있는 실적',
      approvals_waiting: '승인 대기',
      follow_through: '지시사항·개선 조치',
      directives_to_confirm: '완료 확인을 기다리는 지시사항',
    },
    note: {
      overdue: '기한 지남',
      due_soon: '기한 임박',
      open: '보고 가능',
      directive: '지시사항',
      action: '개선 조치',
      proposed: '완료 제안됨',
    },
    due: '기한 {{date}}',
    returned: '반려 {{date}}',
    entered: '입력 {{date}}',
    reason: '사유: {{reason}}',
  },
  en: {
    title: 'Inbox',
    intro:
      "What needs you: your department's reports due, values returned, directives and corrective actions, and what waits for your approval or confirmation.",
    empty: 'Nothing needs you now.',
    today: 'The {{year}} plan, as of {{date}}',
    more: '{{shown}} shown of {{total}}',
    open: 'Open',
    section: {
      reports_owed: 'Reports to make',
      values_returned: 'Values returned',
      commentary_owed: 'Values owing their analysis and next steps before approval',
      approvals_waiting: 'Waiting for approval',
      follow_through: 'Directives and corrective actions',
      directives_to_confirm: 'Directives proposed as done, to confirm',
    },
    note: {
      overdue: 'Overdue',
      due_soon: 'Due soon',
      open: 'Open',
      directive: 'Directive',
      action: 'Corrective action',
      proposed: 'Proposed as done',
    },
    due: 'Due {{date}}',
    returned: 'Returned {{date}}',
    entered: 'Entered {{date}}',
    reason: 'Reason: {{reason}}',
  },
});
