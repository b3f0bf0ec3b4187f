/**
 * What a problem says to its reader, in Korean and English: the sentence of each code
 * (problems.ts), and the words for the codes a problem's parameters carry (units, frequencies).
 * The web app's i18n reads these as its `problems`, `units` and `frequency` keys, the CLI says
 * them itself, and the server's English sentence for scripts and logs is the English one here, so
 * all speak from one table; a code exists by having its English sentence. i18next placeholders (`{{name}}`) are the format.
 *
 * No runtime imports on purpose: the web app bundles this module (`@tangible/api/problem-sentences`)
 * and must not pull the server code behind `@tangible/api` with it.
 */

import type { Frequency, Unit } from '@tangible/core';

type Params = Record<string, string | number>;
export type SentenceLanguage = 'ko' | 'en';

/** Every sentence: one per problem code, and the other readings of some codes (see sentenceFor). */
export type SentenceKey = keyof typeof en;

/** A problem's code: what the server sends and both languages say (the English table lists them). */
export type ProblemCode = Exclude<
  SentenceKey,
  'not_a_number_empty' | 'sign_in_throttled_minutes' | `invalid_parameter_${string}`
>;

const ko: Record<SentenceKey, string> = {
  unknown_indicator: '"{{value}}"은(는) {{year}}년 계획의 지표가 아닙니다',
  unknown_indicator_by_name: '"{{value}}"은(는) {{year}}년 계획의 지표명(국문 또는 영문)이 아닙니다',
  empty_indicator: '지표가 비어 있습니다',
  not_yours: '{{code}}은(는) {{department}} 소관입니다. 소속 부서의 지표만 입력할 수 있습니다',
  measured_by_milestones: '{{code}}은(는) 마일스톤으로 측정합니다. 마일스톤 일자를 입력하세요',
  bad_period: '"{{value}}"은(는) 기간이 아닙니다 (예: 2024-03, 2024.03, 202403, 2024년 3월, 2024-Q1)',
  wrong_frequency:
    '{{code}}은(는) {{frequency}} 보고 지표입니다. "{{value}}"은(는) {{periodFrequency}} 기간입니다',
  outside_year: '"{{value}}"은(는) 계획 연도 {{year}}년 밖입니다',
  not_ended: '"{{value}}" 기간이 아직 끝나지 않았습니다',
  not_a_number: '"{{value}}"은(는) 숫자가 아닙니다',
  not_a_number_empty: '값이 비어 있습니다',
  not_whole: '{{value}}: 이 단위({{unit}})는 정수여야 합니다',
  below_zero: '{{value}}: 음수일 수 없습니다 ({{unit}})',
  above_hundred: '{{value}}: 백분율은 100 이하여야 합니다',
  above_maximum: '{{value}}: 이 단위({{unit}})로는 너무 큰 값입니다 (최대 {{max}}). 단위를 확인하세요',
  below_one: '{{value}}: 순위는 1 이상이어야 합니다',
  bad_evidence: '증빙 링크는 http:// 또는 https://로 시작하는 웹 주소여야 합니다',
  duplicate_row: '{{key}}이(가) {{row}}번째 항목에도 있습니다',
  duplicate_line: '{{key}}이(가) {{line}}행에도 있습니다',
  // 시트의 모양 (머리글 행, 열 지정, 합계)
  not_template_columns:
    '열 이름이 입력 양식(kpi_code, period, value)과 다릅니다 (파일의 열: {{columns}}). 어느 열이 지표·기간·값인지 지정하거나, 양식을 내려받아 쓰세요',
  mapping_column_missing: '「{{name}}」 열이 파일에 없습니다. 파일의 열: {{columns}}',
  mapping_not_a_period: '「{{name}}」 열은 기간이 아닙니다 (예: 2024-03, 2024년 3월, 2024-Q1)',
  mapping_no_periods:
    '기간으로 읽히는 열 이름이 없습니다 (예: 2024-03, 2024년 3월, 2024-Q1). 파일의 열: {{columns}}',
  no_such_sheet: '「{{sheet}}」 시트가 없습니다. 시트: {{sheets}}',
  no_header_row: '{{row}}행이 비어 있거나 파일에 없어 머리글 행으로 쓸 수 없습니다',
  column_not_read:
    '"{{name}}" 열은 기간으로 읽히지 않아 가져오지 않습니다. 가져올 값이라면 머리글을 기간으로 고치세요 (예: 2024년 4월)',
  total_mismatch: '합계 {{total}}이(가) 기간별 값의 합 {{sum}}과(와) 다릅니다',
  text_too_long: '{{length}}자입니다. {{max}}자까지 입력할 수 있습니다',
  text_forbidden_character:
    '{{position}}번째 글자는 보이지 않는 제어 문자 또는 글자 방향을 바꾸는 문자({{character}})입니다. 지우고 다시 입력하세요',
  // 가져오기: 셀을 두 가지로 읽을 수 있거나 엑셀이 값을 바꾼 경우
  ambiguous_period:
    '"{{value}}"은(는) {{first}}인지 {{second}}인지 알 수 없습니다 (엑셀은 2024.10을 숫자 2024.1로 저장해 끝의 0을 지웁니다). {{first}} 또는 {{second}}처럼 하이픈으로 쓰거나 열 서식을 텍스트로 바꾸세요',
  half_year_period:
    '"{{value}}"은(는) 반기라서 보고 기간이 아닙니다. 월, 분기 또는 연도로 입력하세요 (예: 2024-06, 2024-Q2)',
  excel_error: '"{{value}}"은(는) 엑셀 수식 오류입니다. 수식을 고치거나 값을 직접 입력하세요',
  excel_column_too_narrow:
    '"{{value}}": 열 너비가 좁아 엑셀이 값 대신 #을 저장했습니다. 열 너비를 넓힌 뒤 다시 저장하세요',
  excel_lost_digits:
    '"{{value}}": 엑셀이 지수 표기로 바꾸면서 자릿수를 잃었습니다. 열 서식을 숫자로 지정한 뒤 다시 저장하세요',
  marked_digit: '"{{value}}"에 위첨자나 원문자 숫자(¹, ①)가 있습니다. 각주 표시라면 지우고 숫자만 입력하세요',
  dot_thousands:
    '"{{value}}"은(는) 천 단위 마침표({{thousands}})인지 소수점인지 알 수 없습니다. 이 단위({{unit}})는 정수이므로 {{thousands}}처럼 마침표 없이, 또는 쉼표로 쓰세요',
  split_thousands:
    '값 "{{value}}"과 다음 칸 "{{next}}"은(는) 따옴표 없이 쓴 {{joined}}이(가) 쉼표에서 나뉜 것일 수 있습니다. 이 숫자라면 큰따옴표로 감싸거나("{{joined}}") 쉼표 없이({{plain}}) 쓰고, 아니라면 다음 칸을 세 자리 숫자로 시작하지 마세요',
  field_past_header:
    '이 행에는 칸이 {{count}}개(끝의 빈 칸 포함) 있어 머리글({{fields}}개 열)보다 많습니다. 숫자 안의 쉼표 때문에 값이 밀렸을 수 있으니, 쉼표가 든 숫자는 큰따옴표로 감싸거나("32,450") 쉼표를 빼고(32450) 쓰세요',
  unclear_separator:
    '"{{value}}"의 구분 기호를 두 가지로 읽을 수 있습니다. 천 단위는 쉼표로 세 자리씩, 소수점은 마침표로 쓰세요 (예: 1,234.5)',
  unit_word_mismatch: '"{{value}}": "{{word}}"은(는) 이 지표의 단위({{unit}})가 아닙니다. 숫자만 입력하세요',
  too_many_digits:
    '"{{value}}"은(는) 유효 숫자가 {{max}}자리를 넘어 정확히 저장할 수 없습니다. 반올림해서 입력하세요',
  minus_sign_below_zero:
    '"{{value}}": {{sign}}은(는) 음수 기호로 읽혀 {{number}}이(가) 됩니다. 이 단위({{unit}})는 음수일 수 없습니다',
  merged_value_across_periods:
    '"{{value}}"은(는) 여러 기간에 걸쳐 병합된 셀({{range}})이라 기간별 값으로 나눌 수 없습니다. 병합을 풀고 기간마다 값을 입력하세요',
  merged_value_across_rows:
    '"{{value}}"은(는) 여러 행에 걸쳐 병합된 셀({{range}})이라 어느 지표의 값인지 알 수 없습니다. 병합을 풀고 행마다 값을 입력하세요',
  format_unit_multiplier:
    '{{value}}: 셀 서식이 숫자 뒤에 "{{word}}"을(를) 붙여 보여 주지만 셀에 저장된 값에는 "{{multiplier}}"이(가) 곱해져 있지 않습니다. 셀 서식을 일반으로 바꾸고 지표 단위({{unit}})의 전체 값을 숫자로 입력하세요 (예: {{whole}})',
  percent_on_non_percent:
    '{{value}}: 백분율 서식의 셀이지만 이 지표의 단위는 {{unit}}입니다. 셀 서식을 숫자로 바꾸거나 지표를 확인하세요',
  unknown_indicator_did_you_mean:
    '"{{value}}"은(는) {{year}}년 계획의 지표명이 아닙니다. 다음 지표를 찾으셨나요? {{candidates}}',
  ambiguous_indicator_name:
    '"{{value}}"은(는) 여러 지표의 이름입니다: {{candidates}}. 지표 코드로 입력하세요',
  // 요청 전체를 거절하는 경우 (권한, 한도, 저장소)
  sign_in_required: '로그인이 필요합니다.',
  no_permission_declared: '권한이 정의되지 않은 작업이라 거절되었습니다.',
  token_not_permitted: 'API 토큰으로는 할 수 없는 작업입니다 ("{{permission}}" 권한 필요).',
  role_not_permitted: '이 역할({{role}})로는 할 수 없는 작업입니다 ("{{permission}}" 권한 필요).',
  csrf_missing: '보안 토큰(CSRF)이 없는 요청입니다. 페이지를 새로 고친 뒤 다시 시도하세요.',
  password_too_short: '비밀번호는 {{min}}자 이상이어야 합니다.',
  department_only_for_bureau_head: '부서장만 부서에 속할 수 있습니다.',
  department_required: '부서장은 부서를 선택해야 합니다.',
  username_format: '아이디는 영문 소문자, 숫자, 점, 하이픈으로 2~32자여야 합니다.',
  username_taken: '아이디 「{{username}}」은(는) 이미 쓰이고 있습니다.',
  own_account: '자신의 역할을 바꾸거나 사용을 중지할 수 없습니다. 다른 관리자에게 요청하세요.',
  no_such_user: '사용자 「{{username}}」이(가) 없습니다.',
  not_an_email: '"{{value}}"은(는) 이메일 주소가 아닙니다. 예: name@busan.go.kr',
  mail_not_yours: '{{username}}의 메일 설정은 본인이나 관리자만 바꿀 수 있습니다.',
  no_such_token: '내 토큰 중 #{{id}}이(가) 없습니다.',
  token_already_revoked: '토큰 #{{id}}은(는) 이미 폐기되었습니다.',
  no_such_plan: '{{year}}년 계획이 없습니다. 있는 계획: {{years}}',
  no_such_organisation: '기관 「{{code}}」이(가) 없습니다.',
  other_organisation: '다른 기관({{code}})의 자료는 볼 수 없습니다. 소속 기관의 자료만 볼 수 있습니다.',
  not_metropolitan: '구·군 비교는 광역시의 임원과 관리자만 볼 수 있습니다.',
  as_of_outside_plan:
    '기준 월 {{asOf}}은(는) {{year}}년 계획 밖입니다. {{year}}-01부터 {{year}}-12 사이에서 고르세요.',
  as_of_outside_years:
    '기준 월 {{asOf}}은(는) 내보낼 연도({{years}}) 가운데 어느 해에도 속하지 않습니다. 그 연도 중 한 해의 월을 적으세요(예: {{example}}).',
  no_such_export_year:
    '{{year}}년은 계획도 없고, 뒤의 계획이 기준값으로 적은 해도 아닙니다. 계획이 있는 해: {{plans}}. 기준값만 있는 해: {{baselines}}',
  no_such_sector: '{{year}}년 계획에 분야 「{{code}}」이(가) 없습니다. 분야: {{sectors}}',
  no_such_indicator: '{{year}}년 계획에 지표 「{{code}}」이(가) 없습니다.',
  no_such_department: '부서 「{{code}}」이(가) 없습니다.',
  no_such_milestone: '마일스톤 「{{code}}」이(가) 없습니다.',
  entries_not_yours:
    '소속 부서의 지표만 입력할 수 있습니다. 다른 부서 지표: {{codes}} ({{code}}은(는) {{department}} 소관).',
  milestone_not_yours: '{{code}}은(는) 다른 부서의 마일스톤입니다.',
  actual_date_in_future: '완료일 {{date}}은(는) 미래입니다. 예상일로 입력하세요.',
  no_pending_value: '승인 대기 중인 값 #{{id}}이(가) 없습니다 (이미 검토되었을 수 있습니다).',
  self_approval: '자신이 입력한 값은 승인할 수 없습니다. 다른 승인 담당자가 승인해야 합니다.',
  sign_in_failed: '아이디 또는 비밀번호가 올바르지 않습니다.',
  sign_in_throttled: '로그인에 여러 번 실패했습니다. {{seconds}}초 뒤에 다시 시도하세요.',
  sign_in_throttled_minutes: '로그인에 여러 번 실패했습니다. {{minutes}}분 뒤에 다시 시도하세요.',
  sign_in_busy:
    '지금 확인 중인 로그인이 너무 많거나, 이곳에서 보낸 로그인을 이미 확인하고 있습니다. {{seconds}}초 뒤에 다시 시도하세요.',
  export_busy_caller:
    '이미 내려받기 {{running}}건을 진행 중입니다. {{seconds}}초 뒤 또는 하나가 끝난 뒤에 다시 시도하세요.',
  export_busy:
    '지금 내려받기가 {{running}}건 진행 중이라 더 받을 수 없습니다. {{seconds}}초 뒤에 다시 시도하세요.',
  server_busy: '지금 서버에 요청이 많아 처리하지 못했습니다. {{seconds}}초 뒤에 다시 시도하세요.',
  request_cancelled: '요청을 보낸 쪽이 연결을 끊어 처리하지 않았습니다.',
  database_url_unsupported:
    'DATABASE_URL의 "{{scheme}}:"은(는) 지원하지 않는 데이터베이스입니다. SQLite 파일(file:경로, sqlite:경로, 경로, :memory:) 또는 PostgreSQL(postgres://사용자:비밀번호@호스트:포트/데이터베이스)을 지정하세요.',
  database_url_malformed:
    'DATABASE_URL "{{url}}"을(를) 읽을 수 없습니다. SQLite 파일(file:경로, sqlite:경로, 경로, :memory:) 또는 PostgreSQL(postgres://사용자:비밀번호@호스트:포트/데이터베이스)을 지정하세요.',
  database_sqlite_only:
    '{{what}}은(는) SQLite 파일 데이터베이스에서만 할 수 있습니다. 지금 데이터베이스는 {{engine}}입니다 (PostgreSQL은 pg_dump와 pg_restore를 쓰세요).',
  copy_same_database:
    '복사할 데이터베이스와 복사해 넣을 데이터베이스가 같습니다({{database}}). --to에는 다른 데이터베이스를 지정하세요.',
  copy_source_empty:
    '{{database}}에는 Tangible 설치가 없어 복사할 것이 없습니다(마이그레이션을 적용한 적이 없습니다). --from을 확인하세요.',
  copy_source_unknown_migration:
    '{{database}}은(는) 더 새로운 Tangible에서 마이그레이션되었습니다({{migration}}). 먼저 Tangible을 업그레이드한 뒤 복사하세요.',
  copy_version_mismatch:
    '{{database}}은(는) 마이그레이션 {{target}}까지 적용되어 있어 원본({{source}})과 버전이 다릅니다. 두 데이터베이스 모두 pnpm cli db migrate로 최신 버전으로 만들거나, 새 빈 데이터베이스로 복사하세요. 아무것도 쓰지 않았습니다.',
  copy_target_not_empty:
    '{{database}}에 이미 자료가 있습니다({{table}} 테이블). 복사는 빈 데이터베이스에만 합니다: 새 SQLite 파일 이름이나 createdb로 만든 빈 PostgreSQL 데이터베이스를 지정하세요. 아무것도 쓰지 않았습니다.',
  copy_schema_mismatch:
    '두 데이터베이스는 같은 버전인데 {{table}} 테이블의 모양이 서로 다릅니다(마이그레이션 밖에서 바뀐 것으로 보입니다). 아무것도 쓰지 않았습니다.',
  storage_unavailable:
    '지금은 데이터베이스에 저장할 수 없어({{reason}}) 아무것도 저장되지 않았습니다. 잠시 후 다시 시도하고, 계속되면 관리자에게 알려 주세요.',
  body_too_large: '요청이 서버가 받을 수 있는 크기({{limit}})보다 큽니다.',
  file_too_large: '파일이 한도({{limit}})보다 큽니다. 부서별 또는 분기별로 나누어 올리세요.',
  body_malformed: '요청이 올바른 UTF-8 JSON이 아닙니다.',
  body_encoding_unsupported: '압축된 요청({{encoding}})은 받지 않습니다. 압축하지 않고 보내세요.',
  request_incomplete: '요청이 끝까지 전달되지 않았습니다. 다시 시도하세요.',
  request_malformed: '서버가 요청을 읽을 수 없습니다.',
  url_too_long: '주소가 {{limit}}자보다 깁니다.',
  url_malformed: '주소에 잘못된 %-인코딩이 있습니다.',
  no_such_route: '없는 API 경로입니다.',
  invalid_parameter: '요청 값 {{field}}이(가) 올바르지 않습니다.',
  invalid_parameter_type: '요청 값 {{field}}이(가) 없거나 종류가 맞지 않습니다.',
  invalid_parameter_at_least: '요청 값 {{field}}은(는) {{minimum}} 이상이어야 합니다.',
  invalid_parameter_more_than: '요청 값 {{field}}은(는) {{minimum}}보다 커야 합니다.',
  invalid_parameter_at_most: '요청 값 {{field}}은(는) {{maximum}} 이하여야 합니다.',
  invalid_parameter_less_than: '요청 값 {{field}}은(는) {{maximum}}보다 작아야 합니다.',
  invalid_parameter_too_short: '요청 값 {{field}}은(는) {{minimum}}자 이상이어야 합니다.',
  invalid_parameter_too_long: '요청 값 {{field}}은(는) {{maximum}}자 이하여야 합니다.',
  invalid_parameter_too_few: '요청 값 {{field}}에는 {{minimum}}개 이상이 있어야 합니다.',
  invalid_parameter_too_many: '요청 값 {{field}}에는 {{maximum}}개까지만 넣을 수 있습니다.',
  invalid_parameter_format: '요청 값 {{field}}의 형식이 맞지 않습니다.',
  invalid_parameter_choice: '요청 값 {{field}}은(는) {{values}} 중 하나여야 합니다.',
  invalid_parameter_multiple: '요청 값 {{field}}은(는) {{divisor}}의 배수여야 합니다.',
  invalid_parameter_unknown_keys: '요청 값 {{field}}에 알 수 없는 항목이 있습니다: {{keys}}.',
  needs_permission: '이 계정으로는 할 수 없는 작업입니다 ("{{permission}}" 권한 필요).',
  sign_in_or_token: '로그인하거나 API 토큰(Authorization: Bearer …)을 보내세요.',
  token_not_valid:
    '이 API 토큰은 사용할 수 없습니다. 없는 토큰이거나, 폐기되었거나, 소유자 계정이 비활성화되었습니다. 내 계정 화면에서 새 토큰을 만드세요.',
  internal_error: '서버에서 오류가 발생했습니다. 자세한 내용은 서버 로그에 있습니다.',
  // 파일 전체를 읽을 수 없는 경우 (형식, 인코딩, 모양)
  file_problem: '파일을 가져올 수 없습니다: {{reason}}',
  file_empty: '파일이 비어 있습니다.',
  file_binary:
    '표를 담은 파일이 아닙니다({{offset}}번째 바이트부터 텍스트가 아닌 데이터). 엑셀에서 CSV UTF-8 또는 xlsx로 저장하세요.',
  file_bad_encoding:
    '파일이 {{encoding}} 텍스트로 시작하지만 그 인코딩으로 읽을 수 없습니다. 엑셀에서 CSV UTF-8 또는 xlsx로 다시 저장하세요.',
  file_unknown_encoding:
    'UTF-8도 CP949(EUC-KR)도 아닌 텍스트입니다({{row}}행에 읽을 수 없는 글자). 엑셀에서 CSV UTF-8 또는 xlsx로 저장하세요.',
  file_bom_inside:
    '{{row}}행에 파일 시작 표시(BOM)가 있습니다. 두 파일을 이어 붙인 것 같습니다. 하나의 파일로 다시 저장하세요.',
  file_control_characters: '{{row}}행에 보이지 않는 제어 문자가 있어 표로 읽을 수 없습니다.',
  file_one_column:
    '{{row}}행에서 열을 하나만 찾았습니다. 지표, 기간, 값 열이 쉼표, 세미콜론 또는 탭으로 나뉘어 있어야 합니다.',
  file_no_data_rows: '머리글 행만 있고 자료 행이 없습니다.',
  file_quote_not_closed: '{{row}}행에서 시작한 따옴표(")가 닫히지 않았습니다.',
  file_ragged_row: '{{row}}행의 칸 수가 머리글 행과 다릅니다. 모든 행의 열이 같아야 합니다.',
  file_quote_misplaced: '{{row}}행에서 닫는 따옴표(") 뒤에 글자가 있습니다.',
  file_not_csv: '{{row}}행을 CSV로 읽을 수 없습니다. 엑셀에서 CSV UTF-8 또는 xlsx로 다시 저장하세요.',
  file_xls_legacy:
    '예전 엑셀 형식(Excel 97-2003 .xls)은 읽을 수 없습니다. 엑셀에서 「다른 이름으로 저장」 → CSV UTF-8 또는 xlsx로 저장하세요.',
  file_encrypted: '암호가 걸린 통합 문서입니다. 엑셀에서 암호를 해제하고 저장한 뒤 올리세요.',
  file_format_unsupported: '{{format}} 형식은 읽을 수 없습니다. 엑셀에서 CSV UTF-8 또는 xlsx로 저장하세요.',
  file_workbook_unreadable:
    'xlsx 통합 문서가 손상되어 읽을 수 없습니다. 엑셀에서 열어 xlsx로 다시 저장하세요.',
  file_html_no_table:
    '웹 페이지(HTML) 형식의 파일이지만 표가 없습니다. 엑셀에서 CSV UTF-8 또는 xlsx로 저장하세요.',
  file_too_many_columns: '표의 열이 {{limit}}개(엑셀의 한도)를 넘습니다. 필요한 열만 남겨 다시 저장하세요.',
  file_too_many_cells: '표의 칸이 {{limit}}개를 넘습니다. 부서별 또는 분기별로 나누어 올리세요.',
  file_cell_too_long:
    '한 칸의 글자가 {{limit}}자(엑셀의 한도)를 넘습니다. 엑셀에서 열어 xlsx로 다시 저장하세요.',
  file_iso_date_cells:
    '통합 문서의 {{cell}} 셀 등이 ISO 날짜 형식(t="d")으로 저장되어 있어 날짜와 숫자를 구별해 읽을 수 없습니다. 엑셀에서 파일을 열어 xlsx로 다시 저장한 뒤 올리세요.',
  file_workbook_too_large:
    '통합 문서의 압축을 풀면 {{limit}}를 넘습니다. 부서별 또는 분기별로 나누어 올리거나, 엑셀에서 CSV UTF-8로 저장해 올리세요.',
  import_busy: '이미 가져오기 {{running}}건이 진행 중입니다. {{seconds}}초 뒤에 다시 시도하세요.',
  import_has_problems: '{{count}}개 행에 문제가 있어 아무것도 저장하지 않았습니다.',
  // 계획 편집 (항목별 문제와 수정·승인 흐름)
  plan_code_taken: '{{code}} 코드는 이 계획에 이미 있습니다. 코드는 계획 안에서 하나뿐이어야 합니다',
  plan_no_such_thing: '{{year}}년 계획에 {{code}}이(가) 없습니다',
  plan_thing_retired: '{{code}}은(는) 폐지되었습니다. 폐지된 항목은 고치거나 그 아래에 추가할 수 없습니다',
  plan_unknown_department: '"{{code}}"은(는) 이 기관의 부서가 아닙니다',
  plan_unknown_unit: '"{{unit}}"은(는) 알 수 없는 단위입니다. 쓸 수 있는 단위: {{units}}',
  plan_baseline_after_plan: '기준 연도 {{baselineYear}}년이 계획 연도 {{year}}년보다 늦습니다',
  plan_thresholds_order: '주의 기준({{atRisk}})은 정상 기준({{onTrack}})보다 낮아야 합니다',
  plan_interim_duplicate: '{{period}} 중간 목표가 두 번 있습니다',
  plan_target_needs_revision:
    '{{code}}의 목표는 계획이 확정된 뒤에는 직접 바꿀 수 없습니다. 사유와 함께 목표 수정을 요청하세요',
  plan_has_history: '{{code}}에는 보고된 값이나 일정 기록이 있어 삭제할 수 없습니다. 대신 폐지하세요',
  plan_delete_confirmed: '확정된 계획에서는 삭제할 수 없습니다. {{code}}을(를) 폐지하세요',
  plan_already_confirmed: '{{year}}년 계획은 이미 확정되었습니다',
  plan_year_exists: '{{year}}년 계획이 이미 있습니다',
  plan_copy_from_draft:
    '{{year}}년 계획은 아직 초안입니다. 확정된 계획에서만 다음 해 계획을 시작할 수 있습니다',
  indicator_retired: '{{code}}은(는) 폐지된 지표라 더 이상 값을 입력할 수 없습니다',
  milestone_retired: '{{code}}은(는) 폐지된 마일스톤이라 일정을 더 이상 바꿀 수 없습니다',
  indicator_retired_on:
    '{{code}} 지표는 {{date}}에 폐지되었습니다. 입력된 값은 보존되지만 어떤 집계에도 반영되지 않습니다',
  plan_nothing_to_confirm: '{{year}}년 계획에 지표가 없어 확정할 수 없습니다',
  plan_is_draft: '{{year}}년 계획은 아직 초안입니다. 초안의 목표는 목표 수정 없이 바로 고칩니다',
  plan_draft_hidden: '{{year}}년 계획은 초안이라 공개 화면에 보이지 않습니다',
  plan_no_such_target: '{{code}}에는 {{period}} 목표가 없습니다',
  plan_revision_same_value: '수정 목표 {{value}}이(가) 현재 목표와 같습니다',
  plan_revision_pending: '{{code}}의 {{period}} 목표에는 이미 결정을 기다리는 수정 요청(#{{id}})이 있습니다',
  plan_no_pending_revision: '결정을 기다리는 목표 수정 요청 #{{id}}이(가) 없습니다',
  plan_no_pending_change: '결정을 기다리는 계획 변경 요청 #{{id}}이(가) 없습니다',
  plan_not_your_department:
    '{{code}}은(는) {{department}} 소관입니다. 소속 부서의 계획만 변경을 요청할 수 있습니다',
  plan_planned_date_fixed:
    '확정된 계획의 {{code}} 계획일({{date}})은 바꿀 수 없습니다. 늦어지면 예상 완료일을 보고하세요(지연이 그대로 보입니다)',
  plan_self_decision: '자신이 요청한 변경은 직접 승인하거나 반려할 수 없습니다',
  no_such_indicator_series: '어느 해의 계획에도 지표 「{{code}}」이(가) 없습니다.',
  years_malformed:
    '연도 「{{given}}」을(를) 읽을 수 없습니다. 연도는 쉼표로 구분해 적습니다. 예: year=2023,2024 (최대 {{max}}개)',
  workbook_unknown_sheet: '"{{sheet}}" 시트는 계획 통합문서의 시트가 아닙니다. 시트: {{sheets}}',
  workbook_not_a_sheet: '첫 행이 계획 통합문서 시트의 머리글이 아닙니다. 시트: {{sheets}}',
  workbook_duplicate_sheet: '{{sheet}} 시트가 두 개 있습니다',
  workbook_unknown_column: '"{{column}}" 열은 {{sheet}} 시트의 열이 아닙니다',
  workbook_missing_column: '{{sheet}} 시트에 "{{column}}" ({{columnEn}}) 열이 없습니다',
  workbook_cell_required: '값이 있어야 하는 칸입니다',
  workbook_bad_code: '"{{value}}"은(는) 코드가 아닙니다. 영문자·숫자·하이픈으로 32자까지 씁니다',
  workbook_bad_word: '"{{value}}"은(는) 이 열에 쓸 수 있는 값이 아닙니다: {{choices}}',
  workbook_bad_date: '"{{value}}"은(는) YYYY-MM-DD 형식의 날짜가 아닙니다',
  workbook_bad_value: '{{field}} 값이 계획에 허용되는 범위를 벗어납니다',
  workbook_duplicate_code: '{{code}}이(가) 이 시트에 두 번 있습니다 (처음: {{row}}행)',
  workbook_duplicate_target: '{{code}}의 {{period}} 목표가 두 번 있습니다 (처음: {{row}}행)',
  workbook_unknown_parent: '{{code}}이(가) {{sheet}} 시트에 없습니다',
  workbook_moved:
    '{{code}}은(는) {{parent}} 소속인데 {{moved}} 아래에 있습니다. 항목은 옮길 수 없으니 폐지하고 새로 추가하세요',
  workbook_no_annual_target: '{{code}}의 연간 목표({{year}})가 목표 시트에 없습니다',
  workbook_original_fixed:
    '확정된 계획의 당초 목표는 {{value}}(으)로 유지됩니다. 새 값은 변경 목표 열에 사유와 함께 쓰세요',
  workbook_revised_in_draft:
    '초안이나 새 지표의 목표에는 목표 변경이 없습니다. {{code}}의 당초 목표를 직접 쓰세요',
  workbook_reason_needed: '{{code}}의 {{period}} 목표를 바꾸려면 변경 사유가 있어야 합니다',
  workbook_revision_waiting: '{{code}}의 {{period}} 목표에는 이미 결정을 기다리는 변경 요청이 있습니다',
  workbook_has_problems: '계획 통합문서에 문제가 {{count}}건 있어 아무것도 반영하지 않았습니다',
  // Follow-through (issue 13): commentary, corrective actions, directives.
  analysis_required: '{{code}} {{period}} 값으로 지표가 목표에 못 미칩니다. 원인 분석을 적어 주세요',
  next_steps_required: '{{code}} {{period}} 값으로 지표가 목표에 못 미칩니다. 향후 대책을 적어 주세요',
  commentary_owed:
    '{{code}} {{period}} 값({{value}})으로 지표가 목표에 못 미치는데 원인 분석과 향후 대책이 없습니다. 값은 승인 대기로 들어가지만, 부서장이 보고 화면에서 같은 값과 함께 원인 분석·향후 대책을 적어야 승인할 수 있습니다',
  approval_commentary_owed:
    '값 #{{id}}({{code}} {{period}})은(는) 지표를 목표에 못 미치게 하는데 원인 분석과 향후 대책이 없어 승인할 수 없습니다. 소관 부서장이 먼저 적어야 합니다',
  no_such_directive: '지시사항 #{{id}}이(가) 없습니다.',
  no_such_action: '개선 조치 #{{id}}이(가) 없습니다.',
  directive_not_yours:
    '지시사항 #{{id}}은(는) 소속 부서에 배정되지 않았습니다. 배정된 부서만 추진 상황을 보고할 수 있습니다.',
  directive_not_proposed:
    '지시사항 #{{id}}은(는) 완료 제안 상태가 아닙니다. 부서가 완료를 제안한 뒤에 확인할 수 있습니다.',
  directive_done: '지시사항 #{{id}}은(는) 이미 완료되었습니다.',
  directive_unknown_departments: '없는 부서입니다: {{codes}}',
  directive_due_before_meeting:
    '기한({{due}})이 회의 일자({{meeting}})보다 빠릅니다. 기한은 회의 당일이나 그 뒤로 적어 주세요.',
  directive_due_too_far:
    '기한({{due}})이 회의 일자({{meeting}})로부터 {{years}}년이 넘습니다. 기한은 {{latest}}까지로 적어 주세요(더 긴 일은 사업의 추진 일정으로 관리합니다).',
  directive_meeting_outside_plan:
    '회의 일자({{meeting}})는 {{year}}년 계획의 회의로 적을 수 있는 기간({{from}}~오늘 {{to}}) 밖입니다. 연도를 확인해 주세요.',
  directive_target_elsewhere:
    '「{{code}}」은(는) 분야 {{sector}}에 속하지 않습니다. 지시사항의 분야 안에서 고르세요.',
  action_not_yours: '개선 조치 #{{id}}은(는) {{department}} 소관입니다. 소속 부서의 조치만 고칠 수 있습니다.',
  action_indicator_on_track: '{{code}}은(는) 정상 추진 중입니다. 개선 조치는 주의·부진 지표에만 등록합니다.',
  action_drop_reason_required: '조치를 중단하는 이유를 적어 주세요.',
  action_closed: '개선 조치 #{{id}}은(는) 이미 종료되었습니다 ({{state}}).',
};

const en = {
  unknown_indicator: '"{{value}}" is not an indicator of the {{year}} plan',
  unknown_indicator_by_name: '"{{value}}" is not an indicator of the {{year}} plan (Korean or English name)',
  empty_indicator: 'the indicator is empty',
  not_yours: "{{code}} belongs to {{department}}; you may report only your own department's indicators",
  measured_by_milestones: '{{code}} is measured by its milestones; record milestone dates instead',
  bad_period: '"{{value}}" is not a period (write 2024-03, 2024.03, 202403, 2024년 3월 or 2024-Q1)',
  wrong_frequency: '{{code}} is reported {{frequency}}; "{{value}}" is a {{periodFrequency}} period',
  outside_year: '"{{value}}" is outside the plan year {{year}}',
  not_ended: '"{{value}}" has not ended yet',
  not_a_number: '"{{value}}" is not a number',
  not_a_number_empty: 'the value is empty',
  not_whole: '{{value}} must be a whole number for this unit ({{unit}})',
  below_zero: '{{value}} must not be negative ({{unit}})',
  above_hundred: '{{value}} is a percentage and must be at most 100',
  above_maximum:
    '{{value}} is more than a value in {{unit}} can plausibly be (at most {{max}}); check the unit',
  below_one: '{{value}} is a rank and must be at least 1',
  bad_evidence: 'must be a web address starting with http:// or https://',
  duplicate_row: '{{key}} is also in row {{row}}',
  duplicate_line: '{{key}} is also on line {{line}}',
  // The layout of a sheet (header row, column mapping, totals)
  not_template_columns:
    "The columns are not the template's (kpi_code, period, value); found: {{columns}}. Choose which columns hold the indicator, the period and the value, or download the template",
  mapping_column_missing: 'The column "{{name}}" is not in the file. Columns: {{columns}}',
  mapping_not_a_period: 'The column "{{name}}" is not a period (e.g. 2024-03, 2024년 3월, 2024-Q1)',
  mapping_no_periods:
    'No column header reads as a period (e.g. 2024-03, 2024년 3월, 2024-Q1). Columns: {{columns}}',
  no_such_sheet: 'There is no sheet "{{sheet}}". Sheets: {{sheets}}',
  no_header_row: 'Row {{row}} is empty or not in the file, so it cannot be the header row',
  column_not_read:
    'Column "{{name}}" is not read as a period, so its values are not imported; if they should be, write its header as a period (e.g. 2024-04)',
  total_mismatch: 'The total {{total}} differs from the sum of the periods, {{sum}}',
  text_too_long: '{{length}} characters; at most {{max}} are allowed',
  text_forbidden_character:
    'character {{position}} is an invisible control or direction-changing character ({{character}}); remove it',
  // Import: a cell that can be read two ways, or that Excel changed
  ambiguous_period:
    '"{{value}}" may be {{first}} or {{second}} (Excel stores 2024.10 as the number 2024.1, dropping the zero); write {{first}} or {{second}} with a hyphen, or format the column as text',
  half_year_period:
    '"{{value}}" is a half year, which is not a reporting period; enter months, quarters or the year (e.g. 2024-06, 2024-Q2)',
  excel_error: '"{{value}}" is an Excel formula error; fix the formula or type the value',
  excel_column_too_narrow:
    '"{{value}}": the column was too narrow, so Excel saved # signs instead of the value; widen the column and save again',
  excel_lost_digits:
    '"{{value}}": Excel lost digits writing it in scientific notation; format the column as a number and save again',
  marked_digit:
    '"{{value}}" has a superscript or circled digit (¹, ①); if it marks a footnote, remove it and enter the number alone',
  dot_thousands:
    '"{{value}}" may be {{thousands}} written with a thousands dot, or a decimal; this unit ({{unit}}) counts whole things, so write {{thousands}} without the dot, or with a comma',
  split_thousands:
    'The value "{{value}}" and the next cell "{{next}}" may be {{joined}} written without quotes and split at its comma; if that is the number, put it in quotes ("{{joined}}") or drop the comma ({{plain}}); if not, do not begin the next cell with three digits',
  field_past_header:
    'This row has {{count}} fields (empty ones at its end included), more than the header\'s {{fields}} columns: a comma inside a number splits it and shifts the values after it; put such a number in quotes ("32,450") or remove the comma (32450)',
  unclear_separator:
    '"{{value}}" has separators that can be read two ways; write thousands with commas in groups of three and decimals with a point (1,234.5)',
  unit_word_mismatch:
    '"{{value}}": "{{word}}" is not the unit of this indicator ({{unit}}); enter the number alone',
  too_many_digits:
    '"{{value}}" has more than {{max}} significant digits, more than can be stored exactly; round it',
  minus_sign_below_zero:
    '"{{value}}": {{sign}} was read as a minus sign ({{number}}), and a value in {{unit}} cannot be negative',
  merged_value_across_periods:
    '"{{value}}" is merged across several periods ({{range}}) and cannot be split into a value per period; unmerge the cells and enter each period\'s value',
  merged_value_across_rows:
    '"{{value}}" is merged down several rows ({{range}}), so whose value it is cannot be told; unmerge the cells and enter each row\'s value',
  format_unit_multiplier:
    '{{value}}: the cell\'s format shows "{{word}}" after the number, but the value stored is not multiplied by "{{multiplier}}"; set the format to General and enter the whole number in {{unit}} (e.g. {{whole}})',
  percent_on_non_percent:
    '{{value}} is formatted as a percentage, but this indicator is in {{unit}}; format the cell as a number, or check the indicator',
  unknown_indicator_did_you_mean:
    '"{{value}}" is not an indicator of the {{year}} plan. Did you mean: {{candidates}}?',
  ambiguous_indicator_name:
    '"{{value}}" names more than one indicator: {{candidates}}; enter the indicator code instead',
  // Refusals of a request as a whole (authorisation, limits, storage)
  sign_in_required: 'Sign in to do this.',
  no_permission_declared: 'This action declares no permission and is refused.',
  token_not_permitted: 'An API token may not do this (needs "{{permission}}").',
  role_not_permitted: 'The {{role}} role may not do this (needs "{{permission}}").',
  csrf_missing: 'The request lacks this session’s security (CSRF) token; reload the page and try again.',
  password_too_short: 'The password must have at least {{min}} characters.',
  department_only_for_bureau_head: 'Only a bureau head belongs to a department.',
  department_required: 'A bureau head needs a department.',
  username_format: 'A username has 2–32 lowercase letters, digits, dots or hyphens.',
  username_taken: 'The username "{{username}}" is taken.',
  own_account: 'You cannot change your own role or disable yourself; ask another admin.',
  no_such_user: 'There is no user "{{username}}".',
  not_an_email: '"{{value}}" is not an email address, e.g. name@busan.go.kr.',
  mail_not_yours: 'Only {{username}} themself or an administrator can change these email settings.',
  no_such_token: 'There is no token #{{id}} of yours.',
  token_already_revoked: 'Token #{{id}} is already revoked.',
  no_such_plan: 'There is no plan for {{year}}. Plans: {{years}}.',
  no_such_organisation: 'There is no organisation "{{code}}".',
  other_organisation:
    'The data of another organisation ({{code}}) is not yours to see; you see your own organisation’s.',
  not_metropolitan: 'Only executives and administrators of a metropolitan city compare its districts.',
  as_of_outside_plan:
    'The month {{asOf}} is outside the {{year}} plan; choose a month from {{year}}-01 to {{year}}-12.',
  as_of_outside_years:
    'The month {{asOf}} is in none of the years exported ({{years}}); name a month of one of them (e.g. {{example}}).',
  no_such_export_year:
    'There is no plan for {{year}}, and no later plan has a baseline of that year. Plans: {{plans}}. Years with baselines only: {{baselines}}.',
  no_such_sector: 'There is no sector "{{code}}" in the {{year}} plan. Sectors: {{sectors}}.',
  no_such_indicator: 'There is no indicator "{{code}}" in the {{year}} plan.',
  no_such_department: 'There is no department "{{code}}".',
  no_such_milestone: 'There is no milestone "{{code}}".',
  entries_not_yours:
    "You may report only your own department's indicators; not yours: {{codes}} ({{code}} belongs to {{department}}).",
  milestone_not_yours: '{{code}} belongs to another department.',
  actual_date_in_future: 'The completion date {{date}} is in the future; enter it as the forecast date.',
  no_pending_value: 'There is no pending value #{{id}} (it may have been reviewed already).',
  self_approval: 'A value must be approved by someone other than the person who entered it.',
  sign_in_failed: 'The username or password is not correct.',
  sign_in_throttled: 'Too many failed sign-ins from here. Wait {{seconds}} seconds and try again.',
  sign_in_throttled_minutes: 'Too many failed sign-ins from here. Wait {{minutes}} minutes and try again.',
  sign_in_busy:
    'Too many sign-ins are being checked right now, or one from here already is. Wait {{seconds}} seconds and try again.',
  export_busy_caller:
    'You already have {{running}} exports running; try again in {{seconds}} seconds, or when one has finished.',
  export_busy: '{{running}} exports are already running, the most at once; try again in {{seconds}} seconds.',
  server_busy: 'The server has more requests than it can answer right now; try again in {{seconds}} seconds.',
  request_cancelled: 'The client closed the connection, so the request was not carried out.',
  database_url_unsupported:
    'DATABASE_URL names a database Tangible does not run on ("{{scheme}}:"). Give an SQLite file (file:PATH, sqlite:PATH, a plain PATH or :memory:) or PostgreSQL (postgres://USER:PASSWORD@HOST:PORT/DATABASE).',
  database_url_malformed:
    'DATABASE_URL "{{url}}" cannot be read. Give an SQLite file (file:PATH, sqlite:PATH, a plain PATH or :memory:) or PostgreSQL (postgres://USER:PASSWORD@HOST:PORT/DATABASE).',
  database_sqlite_only:
    '{{what}} works on an SQLite file only; this database is {{engine}} (on PostgreSQL use pg_dump and pg_restore).',
  copy_same_database: '--from and --to name the same database ({{database}}); copy into another one.',
  copy_source_empty:
    '{{database}} holds no Tangible installation (no migration was ever applied to it): there is nothing to copy. Check --from.',
  copy_source_unknown_migration:
    '{{database}} was migrated by a newer Tangible ({{migration}}); upgrade Tangible first, then copy.',
  copy_version_mismatch:
    '{{database}} is migrated to {{target}}, the source to {{source}}. Bring both to the latest version with pnpm cli db migrate, or copy into a new, empty database. Nothing was written.',
  copy_target_not_empty:
    '{{database}} already holds data (table {{table}}). A copy goes into an empty database only: name a new SQLite file, or an empty PostgreSQL database made with createdb. Nothing was written.',
  copy_schema_mismatch:
    'Both databases are at one version, but their table {{table}} differs (changed outside the migrations, it seems). Nothing was written.',
  storage_unavailable:
    'The database cannot be written right now ({{reason}}); nothing was saved. Try again later, and tell the administrator if it persists.',
  body_too_large: 'The request is larger than the server accepts ({{limit}}).',
  file_too_large: 'The file is larger than {{limit}}, the limit. Split it by department or by quarter.',
  body_malformed: 'The request is not valid JSON in UTF-8.',
  body_encoding_unsupported: 'The request is compressed ({{encoding}}); send it uncompressed.',
  request_incomplete: 'The request ended before it was complete; try again.',
  request_malformed: 'The server could not read the request.',
  url_too_long: 'The address is longer than {{limit}} characters.',
  url_malformed: 'The address has a malformed %-escape.',
  no_such_route: 'No such API route.',
  invalid_parameter: 'The request value {{field}} is not valid.',
  invalid_parameter_type: 'The request value {{field}} is missing or of the wrong kind.',
  invalid_parameter_at_least: 'The request value {{field}} must be {{minimum}} or more.',
  invalid_parameter_more_than: 'The request value {{field}} must be more than {{minimum}}.',
  invalid_parameter_at_most: 'The request value {{field}} must be {{maximum}} or less.',
  invalid_parameter_less_than: 'The request value {{field}} must be less than {{maximum}}.',
  invalid_parameter_too_short: 'The request value {{field}} must have at least {{minimum}} characters.',
  invalid_parameter_too_long: 'The request value {{field}} must have at most {{maximum}} characters.',
  invalid_parameter_too_few: 'The request value {{field}} must hold at least {{minimum}} items.',
  invalid_parameter_too_many: 'The request value {{field}} may hold at most {{maximum}} items.',
  invalid_parameter_format: 'The request value {{field}} is not in the expected format.',
  invalid_parameter_choice: 'The request value {{field}} must be one of {{values}}.',
  invalid_parameter_multiple: 'The request value {{field}} must be a multiple of {{divisor}}.',
  invalid_parameter_unknown_keys: 'The request value {{field}} has fields it does not know: {{keys}}.',
  needs_permission: 'Your account may not do this (needs "{{permission}}").',
  sign_in_or_token: 'Sign in, or send Authorization: Bearer <token>.',
  token_not_valid:
    'This API token cannot be used: it is unknown, revoked, or its owner’s account is deactivated. Make a new one on the Account page.',
  internal_error: 'Something went wrong on the server; the error is in its log.',
  // Refusals of a file as a whole (format, encoding, shape)
  file_problem: 'The file cannot be imported: {{reason}}',
  file_empty: 'The file is empty.',
  file_binary:
    'This is not a file holding a table (data that is not text from byte {{offset}}). In Excel, save it as CSV UTF-8 or xlsx.',
  file_bad_encoding:
    'The file starts as {{encoding}} text but cannot be read in that encoding. In Excel, save it again as CSV UTF-8 or xlsx.',
  file_unknown_encoding:
    'The text is neither UTF-8 nor CP949 (EUC-KR) (unreadable characters on row {{row}}). In Excel, save it as CSV UTF-8 or xlsx.',
  file_bom_inside:
    'A byte-order mark appears on row {{row}}: it looks like two files joined together. Save it again as one file.',
  file_control_characters:
    'Row {{row}} holds invisible control characters; the file cannot be read as a table.',
  file_one_column:
    'Only one column was found on row {{row}}. The file needs columns for the indicator, the period and the value, separated by commas, semicolons or tabs.',
  file_no_data_rows: 'The file has a header row but no data rows.',
  file_quote_not_closed: 'A quoted cell starting on row {{row}} is never closed: a " is missing.',
  file_ragged_row:
    'Row {{row}} has a different number of cells from the header row; every row needs the same columns.',
  file_quote_misplaced: 'A quote is misplaced on row {{row}}: text follows a closing ".',
  file_not_csv: 'Row {{row}} cannot be read as CSV. In Excel, save the file again as CSV UTF-8 or xlsx.',
  file_xls_legacy:
    'The old Excel format (Excel 97-2003 .xls) cannot be read. In Excel, use Save As → CSV UTF-8 or xlsx.',
  file_encrypted:
    'The workbook is password-protected. Remove the password in Excel, save, and upload it again.',
  file_format_unsupported: 'The {{format}} format cannot be read. In Excel, save it as CSV UTF-8 or xlsx.',
  file_workbook_unreadable:
    'The xlsx workbook is damaged and cannot be read. Open it in Excel and save it again as xlsx.',
  file_html_no_table:
    'The file is a web page (HTML) without a table. In Excel, save it as CSV UTF-8 or xlsx.',
  file_too_many_columns:
    "The table has more than {{limit}} columns, Excel's limit. Keep only the columns needed and save it again.",
  file_too_many_cells: 'The table has more than {{limit}} cells. Split it by department or by quarter.',
  file_cell_too_long:
    "A cell holds more than {{limit}} characters, Excel's limit. Open the file in Excel and save it again as xlsx.",
  file_iso_date_cells:
    'Cells such as {{cell}} are stored as ISO dates (t="d"), which cannot be told from numbers as they are read. Open the file in Excel, save it as xlsx again, and upload that.',
  file_workbook_too_large:
    'The workbook unpacks to more than {{limit}}. Split it by department or by quarter, or save it from Excel as CSV UTF-8.',
  import_busy: '{{running}} imports are already running, the most at once; try again in {{seconds}} seconds.',
  import_has_problems: '{{count}} row(s) have problems; nothing was written.',
  // The plan editor (field problems, revisions and proposals)
  plan_code_taken: 'The code {{code}} is already used in this plan; a code is used once in a plan.',
  plan_no_such_thing: 'The {{year}} plan has no {{code}}.',
  plan_thing_retired: '{{code}} is retired: it cannot be changed, nor anything added under it.',
  plan_unknown_department: '"{{code}}" is not a department of this organisation.',
  plan_unknown_unit: '"{{unit}}" is not a known unit. Units: {{units}}.',
  plan_baseline_after_plan: 'The baseline year {{baselineYear}} is after the plan year {{year}}.',
  plan_thresholds_order:
    'The at-risk threshold ({{atRisk}}) must be below the on-track threshold ({{onTrack}}).',
  plan_interim_duplicate: 'There are two interim targets for {{period}}.',
  plan_target_needs_revision:
    "The plan is confirmed: {{code}}'s targets change only by a revision, with a reason, once approved.",
  plan_has_history: '{{code}} has reported values or dates and cannot be deleted; retire it instead.',
  plan_delete_confirmed: 'Nothing is deleted from a confirmed plan; retire {{code}} instead.',
  plan_already_confirmed: 'The {{year}} plan is already confirmed.',
  plan_year_exists: 'There is already a {{year}} plan.',
  plan_copy_from_draft: 'The {{year}} plan is still a draft: next year starts only from a confirmed plan.',
  indicator_retired: '{{code}} is retired and takes no more values.',
  milestone_retired: '{{code}} is a retired milestone: its dates no longer change.',
  indicator_retired_on:
    'Indicator {{code}} was retired on {{date}}: its values are kept but count in no figure.',
  plan_nothing_to_confirm: 'The {{year}} plan has no indicators; there is nothing to confirm.',
  plan_is_draft: "The {{year}} plan is a draft: edit a draft's targets directly, without a revision.",
  plan_draft_hidden: 'The {{year}} plan is a draft and is not shown on the public view.',
  plan_no_such_target: '{{code}} has no target for {{period}}.',
  plan_revision_same_value: 'The revised target {{value}} is the current target.',
  plan_revision_pending:
    "{{code}}'s {{period}} target already has a revision waiting for a decision (#{{id}}).",
  plan_no_pending_revision: 'There is no target revision #{{id}} waiting for a decision.',
  plan_no_pending_change: 'There is no plan change #{{id}} waiting for a decision.',
  plan_not_your_department:
    "{{code}} is {{department}}'s; you may propose changes to your own department's plan only.",
  plan_planned_date_fixed:
    "{{code}}'s planned date ({{date}}) is fixed in a confirmed plan; report a forecast date instead, so that the slip shows.",
  plan_self_decision: 'A change you proposed is decided by someone else.',
  no_such_indicator_series: 'There is no indicator "{{code}}" in any year\'s plan.',
  years_malformed:
    'The years "{{given}}" cannot be read. Write years separated by commas, e.g. year=2023,2024 (at most {{max}}).',
  workbook_unknown_sheet: 'The sheet "{{sheet}}" is not a sheet of the plan workbook. Sheets: {{sheets}}.',
  workbook_not_a_sheet:
    "The file's first row is not the header of a plan workbook sheet. Sheets: {{sheets}}.",
  workbook_duplicate_sheet: 'There are two {{sheet}} sheets.',
  workbook_unknown_column: 'The column "{{column}}" is not a column of the {{sheet}} sheet.',
  workbook_missing_column: 'The {{sheet}} sheet has no "{{column}}" ({{columnEn}}) column.',
  workbook_cell_required: 'This cell needs a value.',
  workbook_bad_code: '"{{value}}" is not a code: letters, digits and hyphens, at most 32.',
  workbook_bad_word: '"{{value}}" is not a value of this column: {{choices}}.',
  workbook_bad_date: '"{{value}}" is not a date written YYYY-MM-DD.',
  workbook_bad_value: 'The value of {{field}} is outside what a plan allows.',
  workbook_duplicate_code: '{{code}} is on this sheet twice (first on row {{row}}).',
  workbook_duplicate_target: '{{code}} has two targets for {{period}} (first on row {{row}}).',
  workbook_unknown_parent: '{{code}} is not on the {{sheet}} sheet.',
  workbook_moved:
    '{{code}} belongs to {{parent}}, and the workbook puts it under {{moved}}. Things do not move: retire it and add a new one.',
  workbook_no_annual_target: '{{code}} has no annual target ({{year}}) on the targets sheet.',
  workbook_original_fixed:
    "A confirmed plan's original target stays {{value}}; write the new value in the revised target column, with a reason.",
  workbook_revised_in_draft:
    "The targets of a draft or of a new indicator have no revisions: write {{code}}'s target itself.",
  workbook_reason_needed: "Changing {{code}}'s {{period}} target needs a reason.",
  workbook_revision_waiting: "{{code}}'s {{period}} target already has a revision waiting for a decision.",
  workbook_has_problems: 'The plan workbook has {{count}} problem(s); nothing was changed.',
  analysis_required:
    'With this value for {{period}}, {{code}} falls short of its target: write the analysis of why',
  next_steps_required:
    'With this value for {{period}}, {{code}} falls short of its target: write the next steps',
  commentary_owed:
    "With this value ({{value}}) for {{period}}, {{code}} falls short of its target and the row has no analysis or next steps: the value goes in pending approval, but it cannot be approved until the department's head adds them (the same value with its commentary, on the report screen)",
  approval_commentary_owed:
    'Value #{{id}} ({{code}} {{period}}) leaves its indicator short of its target and has no analysis or next steps: it cannot be approved until the owning department writes them',
  no_such_directive: 'There is no directive #{{id}}.',
  no_such_action: 'There is no corrective action #{{id}}.',
  directive_not_yours:
    'Directive #{{id}} is not assigned to your department: only an assigned department reports on it.',
  directive_not_proposed:
    'Directive #{{id}} has not been proposed as complete: a department proposes completion before it is confirmed.',
  directive_done: 'Directive #{{id}} is already complete.',
  directive_unknown_departments: 'No such department: {{codes}}',
  directive_due_before_meeting:
    'The due date ({{due}}) is before the meeting date ({{meeting}}): give the day of the meeting or a later one.',
  directive_due_too_far:
    'The due date ({{due}}) is more than {{years}} years after the meeting date ({{meeting}}): give {{latest}} at the latest (longer work is a project milestone).',
  directive_meeting_outside_plan:
    'The meeting date ({{meeting}}) is outside what a meeting of the {{year}} plan can be ({{from}} to today, {{to}}): check the year.',
  directive_target_elsewhere:
    '"{{code}}" is not in sector {{sector}}: choose within the directive\'s sector.',
  action_not_yours:
    "Corrective action #{{id}} belongs to {{department}}: you can change only your own department's actions.",
  action_indicator_on_track:
    '{{code}} is on track: corrective actions are for indicators at risk or off track.',
  action_drop_reason_required: 'Say why the action is dropped.',
  action_closed: 'Corrective action #{{id}} is already closed ({{state}}).',
} satisfies Record<string, string>;

export const problemSentences: Record<SentenceLanguage, Record<SentenceKey, string>> = { ko, en };

export const unitNames: Record<SentenceLanguage, Record<Unit, string>> = {
  ko: {
    count: '개',
    people: '명',
    companies: '개사',
    institutions: '개 기관',
    cases: '건',
    places: '개소',
    households: '가구',
    percent: '%',
    krw_100m: '억 원',
    usd_million: '백만 달러',
    rank: '위',
    mt_co2eq: '백만 tCO2eq',
    kt_co2eq: '천 tCO2eq',
    tonnes: '톤',
    mw: 'MW',
    score: '점',
    minutes: '분',
    days: '일',
  },
  en: {
    count: '',
    people: 'people',
    companies: 'companies',
    institutions: 'institutions',
    cases: 'cases',
    places: 'places',
    households: 'households',
    percent: '%',
    krw_100m: 'KRW 100 M',
    usd_million: 'USD M',
    rank: '',
    mt_co2eq: 'Mt CO2eq',
    kt_co2eq: 'kt CO2eq',
    tonnes: 't',
    mw: 'MW',
    score: 'points',
    minutes: 'min',
    days: 'days',
  },
};

export const frequencyNames: Record<SentenceLanguage, Record<Frequency, string>> = {
  ko: { monthly: '월별', quarterly: '분기별', annual: '연간' },
  en: { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' },
};

/**
 * The sentence a problem reads as, and its parameters (a long wait is counted in minutes). A code
 * this version does not know passes through; its reader falls back to the server's sentence.
 */
export function sentenceFor(code: string, params: Params): { key: string; params: Params } {
  if (code === 'not_a_number' && params.value === '') return { key: 'not_a_number_empty', params };
  // A refused request value reads by its reason (parameters.ts), each with its own sentence.
  if (code === 'invalid_parameter' && `invalid_parameter_${params.reason}` in en)
    return { key: `invalid_parameter_${params.reason}`, params };
  if (code === 'sign_in_throttled' && Number(params.seconds) >= 120)
    return {
      key: 'sign_in_throttled_minutes',
      params: { ...params, minutes: Math.ceil(Number(params.seconds) / 60) },
    };
  return { key: code, params };
}

/** Fills `{{name}}` placeholders; one left unfilled stays visible rather than vanishing. */
export function interpolate(sentence: string, params: Params = {}): string {
  return sentence.replace(/{{(\w+)}}/g, (placeholder, name: string) =>
    params[name] === undefined ? placeholder : String(params[name]),
  );
}

/** What a problem says in a language, its parameters filled in as they are (codes stay codes). */
export function sentence(language: SentenceLanguage, code: string, params: Params = {}): string {
  const reading = sentenceFor(code, params);
  const table: Record<string, string> = problemSentences[language];
  return interpolate(table[reading.key] ?? code, reading.params);
}
