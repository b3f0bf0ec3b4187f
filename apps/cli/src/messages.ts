/**
 * What the commands print, in Korean or English: `--lang ko|en`, else TANGIBLE_LANG (ko|en), else
 * Korean when LANG (or LC_ALL) starts with `ko`, else English. One table per language with the same
 * keys, so a message cannot exist in one and not the other; i18next placeholders (`{{name}}`), the
 * format of the web app and of the problem sentences the CLI shares with it (failures.ts).
 */

import { interpolate } from '@tangible/api/problem-sentences';
import type { DatabaseFileProblemCode, DatabaseSummary } from '@tangible/db';

export type Params = Record<string, string | number>;
export type Language = 'ko' | 'en';

const en = {
  error: 'error: {{message}}',
  migrated: 'Applied: {{names}}',
  up_to_date: 'Already up to date.',
  seeded:
    'Seeded {{organisation}}’s {{year}} plan: {{sectors}} sectors, {{indicators}} indicators, {{values}} values, {{milestones}} milestones.',
  seeded_next_year:
    '…and its {{year}} plan, started from {{from}} by copy-forward and confirmed: {{indicators}} indicators ({{citedIndicators}} with a cited target), {{milestones}} milestones ({{citedMilestones}} with a cited date); the rest illustrative.',
  reset: 'Reset and seeded the {{year}} plan ({{indicators}} indicators).',
  backed_up: 'Backed up {{database}} to {{file}} ({{size}}); the copy passed integrity_check.',
  holds:
    'It holds: organisations {{organisations}}; plans {{plans}} (years {{years}}); indicators {{indicators}}; reported values {{values}} ({{pending}} pending); audit entries {{audit}}; users {{users}}; migration {{migration}}; last change {{lastChange}}.',
  restored: 'Restored {{file}} into {{database}}; it passed integrity_check.',
  previous_kept: 'The database it replaced is kept as {{previous}}.',
  set_aside: 'Set aside: {{files}}.',
  start_again: 'Start the server again (pnpm start); it applies any newer migrations.',
  plan_loaded: 'The {{year}} plan is already in the database; reset it first (pnpm cli db reset --yes).',
  'problem.missing': 'There is no database at {{file}} (or the file is empty).',
  'problem.not_sqlite': '{{file}} is not a SQLite database.',
  'problem.damaged': '{{file}} is damaged (integrity_check: {{detail}}). Use an earlier backup.',
  'problem.broken_references':
    '{{file}} has {{count}} row(s) pointing at nothing (foreign_key_check). Use an earlier backup.',
  'problem.not_tangible': '{{file}} is a SQLite database, but not a Tangible one.',
  'problem.unknown_migration':
    '{{file}} was made by a newer Tangible (migration {{migration}}); upgrade Tangible first.',
  'problem.no_plan': '{{file}} holds no plan; there is nothing to restore.',
  'problem.target_exists': '{{file}} already exists; choose another name or add --force to replace it.',
  'problem.same_file': '{{file}} is the database itself; write the backup somewhere else.',
  'problem.in_use':
    'A server or another command has {{file}} open. Stop it (e.g. systemctl stop tangible) and try again.',
  'problem.vanished':
    'The database file {{file}} {{stateText}}, but a database was created there{{createdText}} ({{marker}} records it). Nothing was opened or changed. {{wayBack}}',
  'problem.orphaned_wal':
    'The database file {{file}} {{stateText}}, but its write-ahead log {{wal}} ({{bytes}} bytes) is still there: it may hold the data. Nothing was opened or changed; keep a copy of it. {{wayBack}}',
  'state.empty': 'is empty',
  'state.no_plan': 'holds no plan',
  'state.missing': 'is missing',
  created_on: ' on {{createdAt}}',
  way_back:
    'Restore a backup with `pnpm cli db restore FILE --yes`, or start over with `pnpm cli db reset --yes` (everything entered is lost).',
  must_be_year: 'must be a year from 2000 to 2100',
  must_be_month: 'must be YYYY-MM',
  must_be_one_of: 'must be one of {{choices}}',
  must_be_number: 'must be a whole number from 1',
  must_be_row: 'must be a row number from 1 to 1048576, as Excel numbers its rows',
  must_be_sheet: 'must name a sheet (1 to 100 characters)',
  invalid_value: '{{field}}: {{reason}}',
  no_file: 'There is no file {{file}}.',
  unreadable_file: '{{file}} cannot be read ({{reason}}).',
  password_prompt: 'Password for {{username}}: ',
  new_password_prompt: 'New password for {{username}}: ',
  password_needed: 'Set TANGIBLE_PASSWORD or run in a terminal to type the password.',
  user_created: 'Created {{username}} ({{role}}).',
  user_created_in: 'Created {{username}} ({{role}}, {{department}}).',
  password_changed: 'Password of {{username}} changed.',
  mail_set: 'Email of {{username}}: {{email}}, in {{language}}.',
  mail_cleared: '{{username}} gets no email now.',
  users_header: 'username\trole\tdepartment\tname\tmarks',
  demo_password: 'DEMO PASSWORD',
  disabled: 'disabled',
  token_created: 'Token #{{id}} for {{username}}. Copy it now: it is not shown again.',
  tokens_header: 'number\tuser\tname\tprefix\tcreated\tstate',
  token_active: 'active',
  token_revoked_at: 'revoked {{at}}',
  token_revoked: 'Token #{{id}} revoked.',
  no_active_user: 'There is no active user "{{username}}".',
  mapping_not_json: '--mapping must be JSON, e.g. {"kind":"template"}.',
  mapping_invalid: '--mapping does not describe the columns ({{path}}: {{reason}}).',
  import_refused: 'The file cannot be imported: {{reason}}',
  import_summary:
    '{{file}}: {{encoding}}, {{separator}}-separated, {{kind}} format, {{rows}} value(s): {{new}} new, {{change}} changed, {{same}} unchanged, {{error}} with problems.',
  separator_tab: 'tab',
  kind_long: 'long',
  kind_wide: 'wide',
  import_summary_sheet:
    '{{file}}: {{format}}, sheet "{{sheet}}", header row {{headerRow}}, {{kind}} format, {{rows}} value(s): {{new}} new, {{change}} changed, {{same}} unchanged, {{error}} with problems.',
  import_summary_table:
    '{{file}}: {{format}}, header row {{headerRow}}, {{kind}} format, {{rows}} value(s): {{new}} new, {{change}} changed, {{same}} unchanged, {{error}} with problems.',
  format_csv: 'CSV text',
  format_text_utf16: 'Unicode text (UTF-16, tab-separated)',
  format_xlsx: 'Excel workbook (xlsx)',
  format_html_table: 'HTML table (a web page saved as .xls)',
  import_problem: '  {{position}} (line {{line}}, column "{{column}}"): {{problem}}',
  import_problem_no_position: '  line {{line}}, column "{{column}}": {{problem}}',
  import_problem_no_column: '  line {{line}}: {{problem}}',
  import_nothing_written: 'Nothing was written. Correct the rows above and try again.',
  import_more_problems: '…and {{count}} more problem(s), not listed: correct these first and preview again.',
  workbook_written: 'Wrote {{file}}.',
  'level.sector': 'sector',
  'level.strategy': 'strategy',
  'level.project': 'project',
  'level.indicator': 'indicator',
  'level.milestone': 'milestone',
  workbook_summary:
    'The {{year}} plan ({{status}}): {{added}} to add, {{changed}} field(s) to change, {{revisions}} target revision(s) to propose, {{leaving}} to retire or delete; {{problems}} problem(s).',
  workbook_status_draft: 'draft',
  workbook_status_confirmed: 'confirmed',
  workbook_added: '+ {{level}} {{code}}',
  workbook_changed: '~ {{level}} {{code}} {{field}}: {{old}} → {{new}}',
  workbook_revision:
    '~ target {{code}} {{period}}: {{old}} → {{new}} (revision, pending approval: {{reason}})',
  workbook_retire: '- {{level}} {{code}}: retired (it keeps its history)',
  workbook_delete: '- {{level}} {{code}}: deleted (a draft, no reported values or dates)',
  workbook_problem: '{{file}} {{position}} [{{column}}]: {{problem}}',
  workbook_nothing: 'Nothing to change: the plan is as the workbook says.',
  workbook_dry_run: 'Dry run: nothing was written. Add --apply to carry the changes out.',
  workbook_applied: 'Applied in one transaction.',
  workbook_refused: 'Nothing was written. Correct the cells above and try again.',
  workbook_year_unknown: 'Give --year: the workbook names no single plan year ({{years}}).',
  import_dry_run: 'Dry run: nothing was written.',
  import_sheets:
    'Read sheet "{{sheet}}", one of the workbook\'s {{count}} sheets: {{sheets}}. To read another, give --sheet "<name>".',
  import_sheet_hidden: '{{name}} (hidden)',
  imported: 'Imported {{written}} value(s) as pending approval; {{unchanged}} unchanged.',
  importedOwed:
    '{{count}} of them leave their indicator short of its target without analysis or next steps: they cannot be approved until the department head adds them.',
  figures_plan:
    '{{organisation}}, the {{year}} plan: {{indicators}} indicators × 12 months = {{rows}} stored figures.',
  figures_rebuilt: 'Recomputed every stored figure ({{plans}} plan(s), {{rows}} rows) in {{seconds}} s.',
  figures_caught_up:
    'Built the stored figures of the {{year}} plan ({{indicators}} indicators): they were missing or computed by older rules.',
  figures_rebuild_in_use:
    'A server or another command has {{file}} open: a rebuild would hold off its changes until it ends. Stop the server first (e.g. systemctl stop tangible), rebuild, then start it again. (Figures that are missing or computed by other rules, the server rebuilds by itself when it starts.)',
  figures_behind_server:
    'The stored figures of {{file}} need rebuilding (missing, or computed by other rules than this Tangible’s), and a server or another command has it open: building them now would hold off its changes until done. Restart the server (it rebuilds them when it starts), or stop it and run this command again.',
  plan_copied:
    'Started the {{to}} plan from {{from}} as a draft: {{sectors}} sectors, {{strategies}} strategies, {{projects}} projects, {{indicators}} indicators, {{milestones}} unfinished milestones ({{left}} finished ones stay in {{from}}).',
  plan_copied_baselines:
    'Baselines: {{fromActuals}} are the {{from}} actual (baseline year {{from}}); {{keptCount}} kept from the {{from}} plan for want of an actual: {{kept}}.',
  plan_copied_part_year: 'Taken from a year not fully reported: {{codes}}.',
  plan_copied_next:
    'Targets are proposals (the {{from}} stretch over its baseline on the new baseline); edit them in the draft, then confirm it.',
  none: 'none',
  copy_start: 'Copying {{from}} to {{to}} in one transaction…',
  copy_migrated: 'Migrated {{to}} to the source’s version first: {{names}}',
  copy_progress: '  {{table}}: {{copied}} of {{total}} rows…',
  copy_table: '  {{table}}: {{rows}} rows',
  copied:
    'Copied {{rows}} rows in {{tables}} tables in {{seconds}} s ({{perSecond}} rows/s); both databases are at migration {{migration}}.',
} satisfies Record<`problem.${DatabaseFileProblemCode}`, string> & Record<string, string>;

export type MessageKey = keyof typeof en;

const ko: Record<MessageKey, string> = {
  error: '오류: {{message}}',
  migrated: '적용한 마이그레이션: {{names}}',
  up_to_date: '이미 최신 상태입니다.',
  seeded:
    '{{organisation}}의 {{year}}년 계획을 넣었습니다: 분야 {{sectors}}개, 지표 {{indicators}}개, 실적 {{values}}건, 마일스톤 {{milestones}}개.',
  seeded_next_year:
    '…이어서 {{from}}년 계획에서 복사해 시작하고 확정한 {{year}}년 계획: 지표 {{indicators}}개(출처가 있는 목표 {{citedIndicators}}개), 마일스톤 {{milestones}}개(출처가 있는 일정 {{citedMilestones}}개). 나머지는 예시 자료입니다.',
  reset: '데이터베이스를 초기화하고 {{year}}년 계획(지표 {{indicators}}개)을 다시 넣었습니다.',
  backed_up: '{{database}}을(를) {{file}}({{size}})에 백업했습니다. 사본은 integrity_check를 통과했습니다.',
  holds:
    '내용: 기관 {{organisations}}곳, 계획 {{plans}}개({{years}}년), 지표 {{indicators}}개, 실적 {{values}}건(승인 대기 {{pending}}건), 감사 기록 {{audit}}건, 사용자 {{users}}명, 마이그레이션 {{migration}}, 마지막 변경 {{lastChange}}.',
  restored: '{{file}}을(를) {{database}}(으)로 복원했습니다. integrity_check를 통과했습니다.',
  previous_kept: '교체된 기존 데이터베이스는 {{previous}}에 남겨 두었습니다.',
  set_aside: '따로 옮긴 파일: {{files}}.',
  start_again: '서버를 다시 시작하세요(pnpm start). 더 새로운 마이그레이션이 있으면 적용합니다.',
  plan_loaded:
    '{{year}}년 계획이 이미 데이터베이스에 있습니다. 다시 넣으려면 먼저 초기화하세요(pnpm cli db reset --yes).',
  'problem.missing': '{{file}}에 데이터베이스가 없습니다(또는 빈 파일입니다).',
  'problem.not_sqlite': '{{file}}은(는) SQLite 데이터베이스가 아닙니다.',
  'problem.damaged':
    '{{file}}이(가) 손상되었습니다(integrity_check: {{detail}}). 더 이전의 백업을 사용하세요.',
  'problem.broken_references':
    '{{file}}에 존재하지 않는 항목을 가리키는 행이 {{count}}개 있습니다(foreign_key_check). 더 이전의 백업을 사용하세요.',
  'problem.not_tangible': '{{file}}은(는) SQLite 데이터베이스이지만 Tangible 데이터베이스가 아닙니다.',
  'problem.unknown_migration':
    '{{file}}은(는) 더 새로운 Tangible에서 만들어졌습니다(마이그레이션 {{migration}}). 먼저 Tangible을 업그레이드하세요.',
  'problem.no_plan': '{{file}}에는 계획이 없어 복원할 내용이 없습니다.',
  'problem.target_exists': '{{file}}이(가) 이미 있습니다. 다른 이름을 쓰거나, 덮어쓰려면 --force를 붙이세요.',
  'problem.same_file': '{{file}}은(는) 데이터베이스 파일 자체입니다. 백업은 다른 곳에 쓰세요.',
  'problem.in_use':
    '서버나 다른 명령이 {{file}}을(를) 열고 있습니다. 먼저 멈춘 뒤(예: systemctl stop tangible) 다시 시도하세요.',
  'problem.vanished':
    '데이터베이스 파일 {{file}}{{stateText}}. 그런데 이 자리에는{{createdText}} 만들어진 데이터베이스가 있었습니다({{marker}}에 기록됨). 아무것도 열거나 바꾸지 않았습니다. {{wayBack}}',
  'problem.orphaned_wal':
    '데이터베이스 파일 {{file}}{{stateText}}. 그런데 쓰기 로그 {{wal}}({{bytes}}바이트)가 남아 있어 데이터가 그 안에 있을 수 있습니다. 아무것도 열거나 바꾸지 않았습니다. 이 파일의 사본을 먼저 보관하세요. {{wayBack}}',
  'state.empty': '이(가) 비어 있습니다',
  'state.no_plan': '에 계획이 없습니다',
  'state.missing': '이(가) 없습니다',
  created_on: ' {{createdAt}}에',
  way_back:
    '백업을 복원하려면 `pnpm cli db restore 파일 --yes`, 처음부터 다시 시작하려면 `pnpm cli db reset --yes`를 실행하세요(입력한 내용은 모두 사라집니다).',
  must_be_year: '2000부터 2100 사이의 연도여야 합니다',
  must_be_month: 'YYYY-MM 형식이어야 합니다',
  must_be_one_of: '{{choices}} 중 하나여야 합니다',
  must_be_number: '1 이상의 정수여야 합니다',
  must_be_row: '엑셀의 행 번호처럼 1부터 1048576 사이의 정수여야 합니다',
  must_be_sheet: '시트 이름이어야 합니다 (1~100자)',
  invalid_value: '{{field}}: {{reason}}',
  no_file: '{{file}} 파일이 없습니다.',
  unreadable_file: '{{file}}을(를) 읽을 수 없습니다({{reason}}).',
  password_prompt: '{{username}}의 비밀번호: ',
  new_password_prompt: '{{username}}의 새 비밀번호: ',
  password_needed: 'TANGIBLE_PASSWORD를 설정하거나, 터미널에서 실행해 비밀번호를 입력하세요.',
  user_created: '{{username}} 계정을 만들었습니다({{role}}).',
  user_created_in: '{{username}} 계정을 만들었습니다({{role}}, {{department}}).',
  password_changed: '{{username}}의 비밀번호를 바꾸었습니다.',
  mail_set: '{{username}}의 이메일: {{email}} ({{language}}).',
  mail_cleared: '{{username}}에게 이제 이메일을 보내지 않습니다.',
  users_header: '아이디\t역할\t부서\t이름\t표시',
  demo_password: '데모 비밀번호',
  disabled: '사용 중지',
  token_created: '{{username}}의 토큰 #{{id}}입니다. 지금 복사해 두세요. 다시 보여 주지 않습니다.',
  tokens_header: '번호\t사용자\t이름\t앞부분\t만든 때\t상태',
  token_active: '사용 중',
  token_revoked_at: '{{at}} 폐기',
  token_revoked: '토큰 #{{id}}을(를) 폐기했습니다.',
  no_active_user: '사용 중인 사용자 「{{username}}」이(가) 없습니다.',
  mapping_not_json: '--mapping은 JSON이어야 합니다(예: {"kind":"template"}).',
  mapping_invalid: '--mapping이 열을 올바르게 지정하지 않습니다({{path}}: {{reason}}).',
  import_refused: '파일을 가져올 수 없습니다: {{reason}}',
  import_summary:
    '{{file}}: {{encoding}}, 구분 문자 {{separator}}, {{kind}} 형식, 값 {{rows}}개: 새 값 {{new}}개, 바뀐 값 {{change}}개, 그대로 {{same}}개, 문제 {{error}}개.',
  separator_tab: '탭',
  kind_long: '세로형',
  kind_wide: '가로형',
  import_summary_sheet:
    '{{file}}: {{format}}, 시트 "{{sheet}}", 머리글 {{headerRow}}행, {{kind}} 형식, 값 {{rows}}개: 새 값 {{new}}개, 바뀐 값 {{change}}개, 그대로 {{same}}개, 문제 {{error}}개.',
  import_summary_table:
    '{{file}}: {{format}}, 머리글 {{headerRow}}행, {{kind}} 형식, 값 {{rows}}개: 새 값 {{new}}개, 바뀐 값 {{change}}개, 그대로 {{same}}개, 문제 {{error}}개.',
  format_csv: 'CSV 텍스트',
  format_text_utf16: '유니코드 텍스트(UTF-16, 탭으로 구분)',
  format_xlsx: '엑셀 통합 문서(xlsx)',
  format_html_table: 'HTML 표(.xls로 저장된 웹 페이지)',
  import_problem: '  {{position}} ({{line}}행 "{{column}}" 열): {{problem}}',
  import_problem_no_position: '  {{line}}행 "{{column}}" 열: {{problem}}',
  import_problem_no_column: '  {{line}}행: {{problem}}',
  import_nothing_written: '아무것도 저장하지 않았습니다. 위의 행을 고친 뒤 다시 시도하세요.',
  import_more_problems: '…이 밖에 문제 {{count}}개는 생략했습니다. 위의 문제부터 고친 뒤 다시 미리 보세요.',
  workbook_written: '{{file}}을(를) 썼습니다.',
  'level.sector': '분야',
  'level.strategy': '전략',
  'level.project': '사업',
  'level.indicator': '지표',
  'level.milestone': '마일스톤',
  workbook_summary:
    '{{year}}년 계획({{status}}): 추가 {{added}}건, 항목 변경 {{changed}}건, 목표 변경 요청 {{revisions}}건, 폐지·삭제 {{leaving}}건, 문제 {{problems}}건.',
  workbook_status_draft: '초안',
  workbook_status_confirmed: '확정',
  workbook_added: '+ {{level}} {{code}}',
  workbook_changed: '~ {{level}} {{code}} {{field}}: {{old}} → {{new}}',
  workbook_revision: '~ 목표 {{code}} {{period}}: {{old}} → {{new}} (목표 변경, 승인 대기: {{reason}})',
  workbook_retire: '- {{level}} {{code}}: 폐지 (기록은 남습니다)',
  workbook_delete: '- {{level}} {{code}}: 삭제 (초안이고 보고된 값이나 일정 기록이 없음)',
  workbook_problem: '{{file}} {{position}} [{{column}}]: {{problem}}',
  workbook_nothing: '바꿀 것이 없습니다. 계획이 통합문서와 같습니다.',
  workbook_dry_run: '시험 실행이라 아무것도 저장하지 않았습니다. 반영하려면 --apply를 붙이세요.',
  workbook_applied: '한 트랜잭션으로 반영했습니다.',
  workbook_refused: '아무것도 저장하지 않았습니다. 위의 칸을 고친 뒤 다시 하세요.',
  workbook_year_unknown: '--year를 주세요. 통합문서에서 계획 연도를 하나로 정할 수 없습니다 ({{years}}).',
  import_dry_run: '시험 실행이라 아무것도 저장하지 않았습니다.',
  import_sheets:
    '통합 문서의 시트 {{count}}개({{sheets}}) 중 "{{sheet}}" 시트를 읽었습니다. 다른 시트를 읽으려면 --sheet "<시트 이름>"을 주세요.',
  import_sheet_hidden: '{{name}}(숨김)',
  imported: '값 {{written}}개를 승인 대기로 가져왔습니다. 그대로인 값 {{unchanged}}개.',
  importedOwed:
    '그중 {{count}}개는 지표를 목표에 못 미치게 하는데 원인 분석·향후 대책이 없습니다. 부서장이 적어야 승인할 수 있습니다.',
  figures_plan: '{{organisation}} {{year}}년 계획: 지표 {{indicators}}개 × 12개월 = 저장한 수치 {{rows}}행.',
  figures_rebuilt: '저장된 수치를 모두 다시 계산했습니다(계획 {{plans}}개, {{rows}}행, {{seconds}}초).',
  figures_caught_up:
    '{{year}}년 계획(지표 {{indicators}}개)의 저장된 수치가 없거나 이전 규칙으로 계산되어 있어 새로 계산했습니다.',
  figures_rebuild_in_use:
    '서버나 다른 명령이 {{file}}을(를) 열고 있습니다. 지금 다시 계산하면 끝날 때까지 그쪽의 변경이 막힙니다. 서버를 먼저 멈춘 뒤(예: systemctl stop tangible) 다시 계산하고 서버를 다시 시작하세요. 수치가 없거나 다른 규칙으로 계산된 계획은 서버가 시작할 때 스스로 다시 계산합니다.',
  figures_behind_server:
    '{{file}}의 저장된 수치를 다시 계산해야 하는데(없거나 이 버전과 다른 규칙으로 계산됨), 서버나 다른 명령이 이 데이터베이스를 열고 있습니다. 지금 계산하면 끝날 때까지 그쪽의 변경이 막힙니다. 서버를 다시 시작하면 시작할 때 다시 계산합니다. 또는 서버를 멈춘 뒤 이 명령을 다시 실행하세요.',
  plan_copied:
    '{{from}}년 계획에서 {{to}}년 계획 초안을 시작했습니다: 분야 {{sectors}}개, 전략 {{strategies}}개, 과제 {{projects}}개, 지표 {{indicators}}개, 끝나지 않은 마일스톤 {{milestones}}개(끝난 {{left}}개는 {{from}}년에 남습니다).',
  plan_copied_baselines:
    '기준값: {{fromActuals}}개는 {{from}}년 실적(기준 연도 {{from}}), {{keptCount}}개는 실적이 없어 {{from}}년 계획의 기준값을 그대로 두었습니다: {{kept}}.',
  plan_copied_part_year: '한 해가 다 보고되지 않은 실적에서 가져온 기준값: {{codes}}.',
  plan_copied_next:
    '목표는 제안값입니다({{from}}년 목표의 기준값 대비 도전 폭을 새 기준값에 적용). 초안에서 고친 뒤 확정하세요.',
  none: '없음',
  copy_start: '{{from}}을(를) {{to}}(으)로 한 트랜잭션 안에서 복사합니다…',
  copy_migrated: '먼저 {{to}}을(를) 원본과 같은 버전으로 마이그레이션했습니다: {{names}}',
  copy_progress: '  {{table}}: {{total}}행 중 {{copied}}행…',
  copy_table: '  {{table}}: {{rows}}행',
  copied:
    '테이블 {{tables}}개, {{rows}}행을 {{seconds}}초 만에 복사했습니다(초당 {{perSecond}}행). 두 데이터베이스 모두 마이그레이션 {{migration}}입니다.',
};

export { interpolate };

export function languageOf(env: NodeJS.ProcessEnv = process.env): Language {
  const chosen = env.TANGIBLE_LANG?.toLowerCase();
  if (chosen === 'ko' || chosen === 'en') return chosen;
  return /^ko/i.test(env.LC_ALL || env.LANG || '') ? 'ko' : 'en';
}

/**
 * `--lang` read before commander parses the arguments: the help it prints is built in that language.
 * A value other than ko or en is left for commander to refuse.
 */
export function languageInArguments(args: readonly string[]): Language | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length && args[i] !== '--'; i++) {
    if (args[i] === '--lang') found = args[i + 1];
    else if (args[i]?.startsWith('--lang=')) found = args[i]?.slice('--lang='.length);
  }
  return found === 'ko' || found === 'en' ? found : undefined;
}

let chosen: Language | undefined;

/** The language everything after this says (the `--lang` option); the environment's when undefined. */
export function useLanguage(language: Language | undefined): void {
  chosen = language;
}

export function currentLanguage(): Language {
  return chosen ?? languageOf();
}

/** A command declining to go on, with the message (and its parameters) that says why. */
export class Declined extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    super(`${key}: ${JSON.stringify(params)}`);
    this.name = 'Declined';
  }
}

export function say(key: MessageKey, params: Params = {}, language = currentLanguage()): string {
  return interpolate((language === 'ko' ? ko : en)[key], params);
}

export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The `holds` line for a database's summary. */
export function holdings(summary: DatabaseSummary, language = currentLanguage()): string {
  return say(
    'holds',
    {
      organisations: summary.organisations,
      plans: summary.plans,
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
