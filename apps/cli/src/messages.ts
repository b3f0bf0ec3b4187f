/**
 * What the `db` commands print, in Korean or English: TANGIBLE_LANG (ko|en) if set, else Korean
 * when LANG (or LC_ALL) starts with `ko`, else English. One table per language with the same keys,
 * so a message cannot exist in one and not the other.
 */

import type { DatabaseFileProblemCode, DatabaseSummary } from '@tangible/db';

type Params = Record<string, string | number>;
type Catalogue = Record<MessageKey | `problem.${DatabaseFileProblemCode}`, (p: Params) => string>;

type MessageKey =
  | 'migrated'
  | 'up_to_date'
  | 'seeded'
  | 'reset'
  | 'backed_up'
  | 'holds'
  | 'restored'
  | 'previous_kept'
  | 'set_aside'
  | 'start_again';

/** What is at a path where a database was (storage/presence.ts DatabaseState). */
const stateEn = (state: string | number | undefined) =>
  state === 'empty' ? 'is empty' : state === 'no_plan' ? 'holds no plan' : 'is missing';
const stateKo = (state: string | number | undefined) =>
  state === 'empty' ? '이(가) 비어 있습니다' : state === 'no_plan' ? '에 계획이 없습니다' : '이(가) 없습니다';

const wayBackEn =
  'Restore a backup with `pnpm cli db restore FILE --yes`, or start over with `pnpm cli db reset --yes` (everything entered is lost).';
const wayBackKo =
  '백업을 복원하려면 `pnpm cli db restore 파일 --yes`, 처음부터 다시 시작하려면 `pnpm cli db reset --yes`를 실행하세요(입력한 내용은 모두 사라집니다).';

const en: Catalogue = {
  migrated: (p) => `Applied: ${p.names}`,
  up_to_date: () => 'Already up to date.',
  seeded: (p) =>
    `Seeded the ${p.year} plan: ${p.sectors} sectors, ${p.indicators} indicators, ${p.values} values, ${p.milestones} milestones.`,
  reset: (p) => `Reset and seeded the ${p.year} plan (${p.indicators} indicators).`,
  backed_up: (p) => `Backed up ${p.database} to ${p.file} (${p.size}); the copy passed integrity_check.`,
  holds: (p) =>
    `It holds the ${p.years} plan: ${p.indicators} indicators, ${p.values} reported values (${p.pending} pending), ${p.audit} audit entries, ${p.users} users; migration ${p.migration}; last change ${p.lastChange}.`,
  restored: (p) => `Restored ${p.file} into ${p.database}; it passed integrity_check.`,
  previous_kept: (p) => `The database it replaced is kept as ${p.previous}.`,
  set_aside: (p) => `Set aside: ${p.files}.`,
  start_again: () => 'Start the server again (pnpm start); it applies any newer migrations.',
  'problem.missing': (p) => `There is no database at ${p.file} (or the file is empty).`,
  'problem.not_sqlite': (p) => `${p.file} is not a SQLite database.`,
  'problem.damaged': (p) => `${p.file} is damaged (integrity_check: ${p.detail}). Use an earlier backup.`,
  'problem.broken_references': (p) =>
    `${p.file} has ${p.count} row(s) pointing at nothing (foreign_key_check). Use an earlier backup.`,
  'problem.not_tangible': (p) => `${p.file} is a SQLite database, but not a Tangible one.`,
  'problem.unknown_migration': (p) =>
    `${p.file} was made by a newer Tangible (migration ${p.migration}); upgrade Tangible first.`,
  'problem.no_plan': (p) => `${p.file} holds no plan; there is nothing to restore.`,
  'problem.target_exists': (p) =>
    `${p.file} already exists; choose another name or add --force to replace it.`,
  'problem.same_file': (p) => `${p.file} is the database itself; write the backup somewhere else.`,
  'problem.in_use': (p) =>
    `A server or another command has ${p.file} open. Stop it (e.g. systemctl stop tangible) and try again.`,
  'problem.vanished': (p) =>
    `The database file ${p.file} ${stateEn(p.state)}, but a database was created there${p.createdAt ? ` on ${p.createdAt}` : ''} (${p.marker} records it). Nothing was opened or changed. ${wayBackEn}`,
  'problem.orphaned_wal': (p) =>
    `The database file ${p.file} ${stateEn(p.state)}, but its write-ahead log ${p.wal} (${p.bytes} bytes) is still there: it may hold the data. Nothing was opened or changed; keep a copy of it. ${wayBackEn}`,
};

const ko: Catalogue = {
  migrated: (p) => `적용한 마이그레이션: ${p.names}`,
  up_to_date: () => '이미 최신 상태입니다.',
  seeded: (p) =>
    `${p.year}년 계획을 넣었습니다: 분야 ${p.sectors}개, 지표 ${p.indicators}개, 실적 ${p.values}건, 마일스톤 ${p.milestones}개.`,
  reset: (p) => `데이터베이스를 초기화하고 ${p.year}년 계획(지표 ${p.indicators}개)을 다시 넣었습니다.`,
  backed_up: (p) =>
    `${p.database}을(를) ${p.file}(${p.size})에 백업했습니다. 사본은 integrity_check를 통과했습니다.`,
  holds: (p) =>
    `내용: ${p.years}년 계획, 지표 ${p.indicators}개, 실적 ${p.values}건(승인 대기 ${p.pending}건), 감사 기록 ${p.audit}건, 사용자 ${p.users}명, 마이그레이션 ${p.migration}, 마지막 변경 ${p.lastChange}.`,
  restored: (p) => `${p.file}을(를) ${p.database}(으)로 복원했습니다. integrity_check를 통과했습니다.`,
  previous_kept: (p) => `교체된 기존 데이터베이스는 ${p.previous}에 남겨 두었습니다.`,
  set_aside: (p) => `따로 옮긴 파일: ${p.files}.`,
  start_again: () => '서버를 다시 시작하세요(pnpm start). 더 새로운 마이그레이션이 있으면 적용합니다.',
  'problem.missing': (p) => `${p.file}에 데이터베이스가 없습니다(또는 빈 파일입니다).`,
  'problem.not_sqlite': (p) => `${p.file}은(는) SQLite 데이터베이스가 아닙니다.`,
  'problem.damaged': (p) =>
    `${p.file}이(가) 손상되었습니다(integrity_check: ${p.detail}). 더 이전의 백업을 사용하세요.`,
  'problem.broken_references': (p) =>
    `${p.file}에 존재하지 않는 항목을 가리키는 행이 ${p.count}개 있습니다(foreign_key_check). 더 이전의 백업을 사용하세요.`,
  'problem.not_tangible': (p) =>
    `${p.file}은(는) SQLite 데이터베이스이지만 Tangible 데이터베이스가 아닙니다.`,
  'problem.unknown_migration': (p) =>
    `${p.file}은(는) 더 새로운 Tangible에서 만들어졌습니다(마이그레이션 ${p.migration}). 먼저 Tangible을 업그레이드하세요.`,
  'problem.no_plan': (p) => `${p.file}에는 계획이 없어 복원할 내용이 없습니다.`,
  'problem.target_exists': (p) =>
    `${p.file}이(가) 이미 있습니다. 다른 이름을 쓰거나, 덮어쓰려면 --force를 붙이세요.`,
  'problem.same_file': (p) => `${p.file}은(는) 데이터베이스 파일 자체입니다. 백업은 다른 곳에 쓰세요.`,
  'problem.in_use': (p) =>
    `서버나 다른 명령이 ${p.file}을(를) 열고 있습니다. 먼저 멈춘 뒤(예: systemctl stop tangible) 다시 시도하세요.`,
  'problem.vanished': (p) =>
    `데이터베이스 파일 ${p.file}${stateKo(p.state)}. 그런데 이 자리에는${p.createdAt ? ` ${p.createdAt}에` : ''} 만들어진 데이터베이스가 있었습니다(${p.marker}에 기록됨). 아무것도 열거나 바꾸지 않았습니다. ${wayBackKo}`,
  'problem.orphaned_wal': (p) =>
    `데이터베이스 파일 ${p.file}${stateKo(p.state)}. 그런데 쓰기 로그 ${p.wal}(${p.bytes}바이트)가 남아 있어 데이터가 그 안에 있을 수 있습니다. 아무것도 열거나 바꾸지 않았습니다. 이 파일의 사본을 먼저 보관하세요. ${wayBackKo}`,
};

export type Language = 'ko' | 'en';

export function languageOf(env: NodeJS.ProcessEnv = process.env): Language {
  const chosen = env.TANGIBLE_LANG?.toLowerCase();
  if (chosen === 'ko' || chosen === 'en') return chosen;
  return /^ko/i.test(env.LC_ALL || env.LANG || '') ? 'ko' : 'en';
}

export function say(key: keyof Catalogue, params: Params = {}, language = languageOf()): string {
  return (language === 'ko' ? ko : en)[key](params);
}

export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The `holds` line for a database's summary. */
export function holdings(summary: DatabaseSummary, language = languageOf()): string {
  return say(
    'holds',
    {
      years: summary.planYears.join(', '),
      indicators: summary.indicators,
      values: summary.values,
      pending: summary.pending,
      audit: summary.auditEntries,
      users: summary.users,
      migration: summary.migration,
      lastChange: summary.lastChange ?? '-',
    },
    language,
  );
}
