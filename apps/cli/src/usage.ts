/**
 * What commander prints, in the reader's language: the commands' and options' descriptions, the
 * help's headings, and its usage errors. Commander speaks English only, so its headings are
 * renamed through its help's hooks and its errors re-said from their (stable) English wording; an
 * error this file does not recognise stays in commander's English.
 */

import type { Command, Help, Option } from 'commander';
import { currentLanguage, interpolate, type Params } from './messages.js';

const en = {
  program: 'Tangible: operate the database and export figures.',
  lang: 'ko or en: the language of what is printed (without it: TANGIBLE_LANG, else Korean when LANG starts with ko, else English); for export also of the names in the file (without it: Korean, whatever the environment)',
  db: 'the database: migrate, seed, reset, backup, restore, copy',
  'db.migrate': 'apply every pending migration',
  'db.seed': "load Busan's 2024 plan from data/seed/ (refused when that year is already loaded)",
  'db.seed.dir': 'the seed folder',
  'db.reset': 'drop everything, migrate and seed again (all entered data is lost)',
  'db.reset.yes': 'confirm that every table is emptied',
  'db.backup':
    'copy the database to FILE while the server runs (SQLite online backup), check the copy and say what it holds',
  'db.backup.force': 'replace FILE if it exists',
  'db.restore':
    'replace the database with a backup: checks FILE, refuses while a server has the database open, keeps the replaced database beside it',
  'db.restore.yes': 'confirm that the database is replaced by FILE',
  'db.copy':
    'copy a whole installation to another database, SQLite or PostgreSQL (every table, ids kept, in one transaction); the target must be new and empty, or migrated to the same version and empty',
  'db.copy.from': 'the database to copy (a DATABASE_URL: file:PATH, a PATH, or postgres://…)',
  'db.copy.to': 'the database to copy into (a DATABASE_URL; a new SQLite file is created)',
  export: 'write figures as CSV to standard output',
  'plan.copy':
    "start a year's draft plan from a confirmed one: the same codes, baselines from the year's actuals, proposed targets, unfinished milestones (one transaction)",
  'plan.from': 'the confirmed plan year to start from, e.g. 2024',
  'plan.to': 'the new plan year, e.g. 2025 (refused when it exists)',
  figures: 'the stored figures (computed when data changes, read by every screen): rebuild',
  'figures.rebuild':
    'recompute every stored figure of every plan from the data, a plan per transaction; with the server stopped',
  'export.indicators': 'one row per indicator with its computed figures (the indicators.csv contract)',
  year: 'plan year, e.g. 2024',
  'export.year':
    'one year or several separated by commas, e.g. 2024 or 2023,2024 (a year without a plan: the next plan’s baselines of it)',
  org: 'the organisation, e.g. haeundae',
  'import.org': 'the organisation of the plan (default: the user’s own; another is refused)',
  as_of: 'as-of month YYYY-MM (default: the latest reported)',
  sector: 'only this sector, e.g. ECO',
  department: 'only this department, e.g. FIN',
  status: 'only this status: {{choices}}',
  bom: 'leave out the byte-order mark (it helps Excel read Korean)',
  user: 'accounts: add, passwd, list',
  'user.add': 'create an account (password from TANGIBLE_PASSWORD or typed)',
  'user.role': 'one of {{roles}}',
  'user.department': 'the department of a bureau head, e.g. TOURISM',
  'user.name': 'the name shown in the app',
  'user.passwd': 'set a new password (ends the user’s sessions; clears the demo-password mark)',
  'user.list': 'every account, with its role and department',
  'user.mail': 'set where a user’s reminders and digests go (`none` for no email)',
  'user.language': 'the language of the user’s email: ko or en',
  token: 'API tokens for scripts (read and export only): create, list, revoke',
  'token.create': 'create a token for a user; it is printed once and stored only as a hash',
  'token.name': 'what the token is for',
  'token.list': 'every token (never the secret)',
  'token.revoke': 'revoke a token by its number',
  'token.id': 'the number token list shows (#3 or 3)',
  import:
    'import actuals from a CSV or an Excel workbook (template, or --mapping); values enter as pending; nothing is written if any row is wrong',
  'import.user': 'whose import this is (their permissions apply)',
  'import.mapping': 'column mapping, e.g. {"kind":"wide","indicator":"지표명","indicatorBy":"name"}',
  'import.dry_run': 'only show what would happen',
  'import.sheet': 'the sheet of a workbook to read (default: the first visible one)',
  'import.header_row': 'the header row, as Excel numbers it (default: found by looking)',
  plan: 'the plan: copy (start next year from this one), and the plan workbook (the whole plan of a year out as xlsx or CSV, and back in with a dry-run)',
  'plan.export': 'write the plan of a year as an xlsx workbook (one sheet per kind) or as one CSV per kind',
  'plan.format': 'xlsx or csv',
  'plan.out': 'the file to write (csv: without --kind, FILE-<kind>.csv for each kind)',
  'plan.kind':
    'csv: only this kind (sectors, strategies, projects, indicators, targets, milestones), to FILE or standard output',
  'plan.import':
    'read a plan workbook (xlsx, or CSV files of some kinds) and show what would be added, changed, revised and retired; nothing is written without --apply',
  'plan.import.year': 'the plan year (default: the year of the annual targets in the workbook)',
  'plan.apply': 'carry the changes out, in one transaction (refused whole if any problem remains)',
  'plan.user': 'whose change this is (the planning office or an admin)',
  help: 'display help for command',
  default: '(default: {{value}})',
  'Usage:': 'Usage:',
  'Arguments:': 'Arguments:',
  'Options:': 'Options:',
  'Global Options:': 'Global Options:',
  'Commands:': 'Commands:',
} satisfies Record<string, string>;

type UsageKey = keyof typeof en;

const ko: Record<UsageKey, string> = {
  program: 'Tangible: 데이터베이스를 관리하고 수치를 내보냅니다.',
  lang: '출력 언어, ko 또는 en (없으면 TANGIBLE_LANG, 그것도 없으면 LANG이 ko로 시작할 때 한국어, 아니면 영어). export에서는 파일에 쓰는 이름의 언어도 정합니다 (없으면 환경과 상관없이 한국어)',
  db: '데이터베이스: migrate(마이그레이션), seed(초기 자료), reset(초기화), backup(백업), restore(복원), copy(복사)',
  'db.migrate': '아직 적용하지 않은 마이그레이션을 모두 적용합니다',
  'db.seed': 'data/seed/에서 부산시 2024년 계획을 넣습니다 (그 연도가 이미 있으면 거절)',
  'db.seed.dir': '초기 자료 폴더',
  'db.reset': '모두 지우고 다시 마이그레이션한 뒤 초기 자료를 넣습니다 (입력한 자료는 모두 사라집니다)',
  'db.reset.yes': '모든 테이블을 비우는 데 동의합니다',
  'db.backup':
    '서버가 실행 중이어도 데이터베이스를 FILE로 복사하고(SQLite 온라인 백업), 사본을 검사해 내용을 알려 줍니다',
  'db.backup.force': 'FILE이 이미 있으면 덮어씁니다',
  'db.restore':
    '데이터베이스를 백업으로 바꿉니다. FILE을 검사하고, 서버가 데이터베이스를 열고 있으면 거절하며, 바뀐 기존 데이터베이스는 옆에 남겨 둡니다',
  'db.restore.yes': '데이터베이스를 FILE로 바꾸는 데 동의합니다',
  'db.copy':
    '설치 전체를 다른 데이터베이스(SQLite 또는 PostgreSQL)로 복사합니다(모든 테이블, id 유지, 한 트랜잭션). 대상은 새로 만든 빈 데이터베이스이거나, 같은 버전으로 마이그레이션된 빈 데이터베이스여야 합니다',
  'db.copy.from': '복사할 데이터베이스 (DATABASE_URL 형식: file:경로, 경로, postgres://…)',
  'db.copy.to': '복사해 넣을 데이터베이스 (DATABASE_URL 형식, SQLite 파일은 새로 만듭니다)',
  export: '수치를 CSV로 표준 출력에 씁니다',
  'plan.copy':
    '확정된 계획에서 새 연도의 계획 초안을 시작합니다: 같은 코드, 그해 실적을 기준값으로, 제안 목표, 끝나지 않은 마일스톤(한 트랜잭션)',
  'plan.from': '시작할 확정 계획의 연도(예: 2024)',
  'plan.to': '새 계획의 연도(예: 2025, 이미 있으면 거절)',
  figures: '저장된 수치(자료가 바뀔 때 계산해 두고 모든 화면이 읽는 값): rebuild(다시 계산)',
  'figures.rebuild':
    '모든 계획의 저장된 수치를 자료에서 계획마다 한 트랜잭션으로 다시 계산합니다(서버를 멈춘 뒤)',
  'export.indicators': '지표마다 한 행, 계산한 수치와 함께 (indicators.csv 형식)',
  year: '계획 연도 (예: 2024)',
  'export.year':
    '연도 하나 또는 쉼표로 구분한 여러 연도 (예: 2024, 2023,2024; 계획이 없는 해는 다음 계획이 적은 그해 기준값)',
  org: '기관 (예: haeundae)',
  'import.org': '계획의 기관 (기본: 사용자의 소속 기관, 다른 기관은 거부)',
  as_of: '기준 월 YYYY-MM (기본: 가장 최근 보고 월)',
  sector: '이 분야만 (예: ECO)',
  department: '이 부서만 (예: FIN)',
  status: '이 상태만: {{choices}}',
  bom: '바이트 순서 표시(BOM)를 빼고 씁니다 (BOM이 있어야 Excel이 한글을 바르게 읽습니다)',
  user: '계정: add(추가), passwd(비밀번호 변경), list(목록)',
  'user.add': '계정을 만듭니다 (비밀번호는 TANGIBLE_PASSWORD 또는 직접 입력)',
  'user.role': '{{roles}} 중 하나',
  'user.department': '부서장의 부서 (예: TOURISM)',
  'user.name': '앱에 표시할 이름',
  'user.passwd': '새 비밀번호를 정합니다 (그 사용자의 세션을 끝내고 데모 비밀번호 표시를 지웁니다)',
  'user.list': '모든 계정과 그 역할, 부서',
  'user.mail': '사용자의 알림·요약 메일을 받을 주소를 정합니다 (`none`: 메일 받지 않음)',
  'user.language': '메일 언어: ko 또는 en',
  token: '스크립트용 API 토큰 (조회와 내보내기만): create(발급), list(목록), revoke(폐기)',
  'token.create': '사용자의 토큰을 발급합니다. 한 번만 출력하고 해시로만 저장합니다',
  'token.name': '토큰의 용도',
  'token.list': '모든 토큰 (비밀 값은 보여 주지 않습니다)',
  'token.revoke': '번호로 토큰을 폐기합니다',
  'token.id': 'token list가 보여 주는 번호 (#3 또는 3)',
  import:
    'CSV나 엑셀 통합 문서에서 실적을 가져옵니다 (서식 파일 또는 --mapping). 값은 승인 대기로 들어가며, 틀린 행이 하나라도 있으면 아무것도 저장하지 않습니다',
  'import.user': '누구의 이름으로 가져올지 (그 사용자의 권한을 적용합니다)',
  'import.mapping': '열 지정 (예: {"kind":"wide","indicator":"지표명","indicatorBy":"name"})',
  'import.dry_run': '저장하지 않고 결과만 보여 줍니다',
  'import.sheet': '읽을 통합 문서의 시트 (기본: 숨기지 않은 첫 시트)',
  'import.header_row': '머리글 행, 엑셀의 행 번호로 (기본: 자동으로 찾음)',
  plan: '계획: copy(이번 해 계획에서 다음 해 계획 시작)와 계획 통합문서(한 해의 계획 전체를 xlsx나 CSV로 내보내고, 시험 실행을 거쳐 다시 가져옴)',
  'plan.export': '한 해의 계획을 xlsx 통합문서(종류마다 시트 하나)나 종류마다 CSV 하나로 씁니다',
  'plan.format': 'xlsx 또는 csv',
  'plan.out': '쓸 파일 (csv에서 --kind가 없으면 종류마다 FILE-<종류>.csv)',
  'plan.kind':
    'csv: 이 종류만 (sectors, strategies, projects, indicators, targets, milestones) FILE이나 표준 출력으로',
  'plan.import':
    '계획 통합문서(xlsx, 또는 일부 종류의 CSV 파일)를 읽어 추가·변경·목표 변경·폐지될 내용을 보여 줍니다. --apply 없이는 아무것도 저장하지 않습니다',
  'plan.import.year': '계획 연도 (기본: 통합문서의 연간 목표 연도)',
  'plan.apply': '변경을 한 트랜잭션으로 반영합니다 (문제가 하나라도 있으면 전부 거부)',
  'plan.user': '누구의 변경인지 (기획 부서 또는 관리자)',
  help: '명령의 도움말을 보여 줍니다',
  default: '(기본: {{value}})',
  'Usage:': '사용법:',
  'Arguments:': '인수:',
  'Options:': '옵션:',
  'Global Options:': '공통 옵션:',
  'Commands:': '명령:',
};

/** Commander's usage errors in Korean, recognised by their English wording (commander 14). */
const KOREAN_ERRORS: [RegExp, string][] = [
  [
    /^error: option '(?<option>.*?)' argument '(?<value>.*)' is invalid\. (?<reason>.*)$/s,
    "오류: 옵션 '{{option}}'의 값 '{{value}}'이(가) 올바르지 않습니다. {{reason}}",
  ],
  [
    /^error: command-argument value '(?<value>.*)' is invalid for argument '(?<name>.*?)'\. (?<reason>.*)$/s,
    "오류: 인수 '{{name}}'의 값 '{{value}}'이(가) 올바르지 않습니다. {{reason}}",
  ],
  [/^error: unknown option '(?<option>.*?)'$/s, "오류: 알 수 없는 옵션 '{{option}}'입니다."],
  [/^error: unknown command '(?<command>.*?)'$/s, "오류: 알 수 없는 명령 '{{command}}'입니다."],
  [/^error: missing required argument '(?<name>.*?)'$/s, "오류: 필수 인수 '{{name}}'이(가) 없습니다."],
  [/^error: option '(?<option>.*?)' argument missing$/s, "오류: 옵션 '{{option}}'에 값이 없습니다."],
  [
    /^error: required option '(?<option>.*?)' not specified$/s,
    "오류: 필수 옵션 '{{option}}'을(를) 지정하지 않았습니다.",
  ],
  [
    /^error: too many arguments(?: for '(?<command>.*?)')?\. Expected (?<expected>\d+) arguments? but got (?<received>\d+)\.$/s,
    '오류: 인수가 너무 많습니다. {{expected}}개를 받는데 {{received}}개가 주어졌습니다.',
  ],
];

/** `(Did you mean --year?)`, which commander adds to an unknown option or command. */
const SUGGESTION = /\n\(Did you mean (?<one>one of )?(?<candidates>.*)\?\)$/s;

export function describe(key: UsageKey, params: Params = {}): string {
  return interpolate((currentLanguage() === 'ko' ? ko : en)[key], params);
}

/** A commander error in the reader's language; commander's English when it is not recognised. */
export function usageErrorText(text: string): string {
  if (currentLanguage() === 'en') return text;
  const body = text.replace(/\n$/, '');
  const suggestion = body.match(SUGGESTION)?.groups;
  const error = suggestion ? body.replace(SUGGESTION, '') : body;
  for (const [pattern, korean] of KOREAN_ERRORS) {
    const found = error.match(pattern);
    if (!found) continue;
    const hint = suggestion
      ? suggestion.one
        ? `\n(${suggestion.candidates} 중 하나를 쓰려던 것인가요?)`
        : `\n(${suggestion.candidates}을(를) 쓰려던 것인가요?)`
      : '';
    return `${interpolate(korean, found.groups)}${hint}\n`;
  }
  return text;
}

/** Hangul and the other East Asian wide characters, which take two columns of a terminal. */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/g;

const helpConfiguration: Partial<Help> = {
  showGlobalOptions: true,
  // Commander counts characters; Korean help would run past the terminal's edge.
  displayWidth: (text: string) => text.length + (text.match(WIDE)?.length ?? 0),
  styleTitle: (title: string) => (title in en ? describe(title as UsageKey) : title),
  // Commander's own, but with its `(default: …)` in the reader's language.
  optionDescription(option: Option) {
    const shown = option.defaultValue !== undefined && (option.required || option.optional) && !option.negate;
    if (!shown) return option.description;
    const value = option.defaultValueDescription ?? JSON.stringify(option.defaultValue);
    return `${option.description} ${describe('default', { value })}`;
  },
};

/** Every command of the tree speaks the reader's language in its help and its usage errors. */
export function localise(command: Command): Command {
  command
    .helpOption('-h, --help', describe('help'))
    .configureHelp(helpConfiguration)
    .configureOutput({ outputError: (text, write) => write(usageErrorText(text)) })
    .showHelpAfterError();
  if (command.commands.length > 0) command.helpCommand('help [command]', describe('help'));
  for (const sub of command.commands) localise(sub);
  return command;
}
