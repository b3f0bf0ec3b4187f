/** What each email says, in Korean and English: the recipient's language picks one. */

import type { Language } from '@tangible/db';

export interface Wording {
  subject: string;
  body: string;
}

export interface ReminderLine {
  code: string;
  name: { ko: string; en: string };
  period: string;
  due: string;
  kind: 'due_soon' | 'overdue';
}

const SIGNATURE = {
  ko: '\n\n— Tangible (이 메일은 자동으로 발송되었습니다)',
  en: '\n\n— Tangible (sent automatically)',
};

export function reminderWording(language: Language, name: string, lines: readonly ReminderLine[]): Wording {
  const overdue = lines.filter((l) => l.kind === 'overdue').length;
  if (language === 'ko') {
    const list = lines
      .map(
        (l) =>
          `- ${l.code} ${l.name.ko} (${l.period}): ${l.due}까지${l.kind === 'overdue' ? ' — 기한 지남' : ''}`,
      )
      .join('\n');
    return {
      subject:
        overdue > 0
          ? `[Tangible] 실적 보고 기한이 지났습니다 (${overdue}건)`
          : `[Tangible] 실적 보고 기한이 다가옵니다 (${lines.length}건)`,
      body: `${name}님,\n\n다음 지표의 실적 보고가 필요합니다.\n\n${list}${SIGNATURE.ko}`,
    };
  }
  const list = lines
    .map(
      (l) =>
        `- ${l.code} ${l.name.en} (${l.period}): due ${l.due}${l.kind === 'overdue' ? ' — overdue' : ''}`,
    )
    .join('\n');
  return {
    subject:
      overdue > 0
        ? `[Tangible] Reports overdue (${overdue})`
        : `[Tangible] Reports due soon (${lines.length})`,
    body: `Dear ${name},\n\nThese indicators need their values reported.\n\n${list}${SIGNATURE.en}`,
  };
}

export function returnedWording(
  language: Language,
  name: string,
  value: { code: string; name: { ko: string; en: string }; period: string; reason: string },
): Wording {
  if (language === 'ko') {
    return {
      subject: `[Tangible] 보고한 실적이 반려되었습니다: ${value.code} (${value.period})`,
      body: `${name}님,\n\n${value.code} ${value.name.ko}의 ${value.period} 실적이 반려되었습니다.\n사유: ${value.reason}\n\n수정하여 다시 보고해 주십시오.${SIGNATURE.ko}`,
    };
  }
  return {
    subject: `[Tangible] A reported value was returned: ${value.code} (${value.period})`,
    body: `Dear ${name},\n\nThe value of ${value.code} ${value.name.en} for ${value.period} was returned.\nReason: ${value.reason}\n\nPlease correct it and report it again.${SIGNATURE.en}`,
  };
}

export interface DigestLine {
  code: string;
  name: { ko: string; en: string };
  asOf: string;
}

export interface OverdueFollowThroughLine {
  kind: 'directive' | 'action';
  text: string;
  due: string;
}

export function digestWording(
  language: Language,
  name: string,
  week: string,
  offTrack: readonly DigestLine[],
  overdue: readonly OverdueFollowThroughLine[] = [],
): Wording {
  if (language === 'ko') {
    const list = offTrack.map((l) => `- ${l.code} ${l.name.ko} (${l.asOf} 기준)`).join('\n');
    const late = overdue
      .map((l) => `- [${l.kind === 'directive' ? '지시사항' : '개선 조치'}] ${l.text} (기한 ${l.due})`)
      .join('\n');
    return {
      subject: `[Tangible] 주간 요약 (${week} 주): 새로 부진한 지표 ${offTrack.length}건, 기한 지난 지시사항·개선 조치 ${overdue.length}건`,
      body: `${name}님,\n\n지난 한 주 동안 승인된 실적으로 부진(off track)이 된 지표입니다.\n\n${list || '- 없음'}\n\n기한이 지난 지시사항과 개선 조치입니다.\n\n${late || '- 없음'}${SIGNATURE.ko}`,
    };
  }
  const list = offTrack.map((l) => `- ${l.code} ${l.name.en} (as of ${l.asOf})`).join('\n');
  const late = overdue
    .map((l) => `- [${l.kind === 'directive' ? 'Directive' : 'Corrective action'}] ${l.text} (due ${l.due})`)
    .join('\n');
  return {
    subject: `[Tangible] Weekly digest (week of ${week}): ${offTrack.length} newly off track, ${overdue.length} directives and actions overdue`,
    body: `Dear ${name},\n\nIndicators whose values approved in the past week leave them off track.\n\n${list || '- none'}\n\nDirectives and corrective actions past their due date.\n\n${late || '- none'}${SIGNATURE.en}`,
  };
}
