import type { TFunction } from 'i18next';
import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import { problemText } from '../../format/problems';
import { useDepartments } from '../account/useDepartments';
import type { ImportPreview, Outcome } from './importRequest';
import { ListedOnly } from './ListedOnly';
import { NameCandidates } from './NameCandidates';
import { NotReportedList } from './NotReportedList';

const OUTCOMES: Outcome[] = ['new', 'change', 'same', 'error'];
const SYMBOL: Record<Outcome, string> = { new: '+', change: '△', same: '=', error: '✕' };
const DELIMITER = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

type Problem = Omit<ImportPreview['problems'][number], 'candidates'>;
type Say = (problem: Problem) => string;

/** A problem with its row, column, cell and reason, all in the reader's language (the reason by its code). */
function problemLine(problem: Problem, t: TFunction, say: Say): string {
  const values = {
    line: problem.line,
    column: problem.column,
    position: problem.position,
    message: say(problem),
  };
  if (!problem.column) return t('import.problemItemNoColumn', values);
  return problem.position ? t('import.problemItem', values) : t('import.problemItemNoPosition', values);
}

/** What the file would do: how it was read, counts, every row's outcome, every problem and warning. */
export function PreviewResult({
  preview,
  onChooseName,
}: {
  preview: ImportPreview;
  /** The person says which indicator a name means (only with a long or wide mapping). */
  onChooseName?: ((name: string, code: string) => void) | undefined;
}) {
  const { t, language } = useLanguage();
  const departments = useDepartments();
  const number = (value: number | null) =>
    value === null ? '–' : new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-US').format(value);
  // Departments by their name in the reader's language, never their code; totals as numbers are written.
  const say: Say = (problem) => {
    const params = { ...problem.params };
    const name = departments.find((d) => d.code === params.department)?.name[language];
    if (name) params.department = name;
    for (const key of ['total', 'sum', 'value'] as const) {
      const value = params[key];
      if (typeof value === 'number') params[key] = number(value);
    }
    // A period as the reader says it (2024년 4분기, Q4 2024), never its stored code.
    // A period the file wrote wrongly stays as written.
    if (typeof params.period === 'string' && /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/.test(params.period))
      params.period = formatPeriod(params.period, t);
    return problemText(t, { ...problem, params });
  };
  const wide = preview.kind === 'wide';
  const choosable = preview.problems.filter((p) => p.candidates && p.candidates.length > 0);
  return (
    <div className="import-preview">
      <p className="import-detected" data-encoding={preview.encoding ?? ''} data-format={preview.format}>
        {preview.delimiter
          ? t('import.detected', {
              encoding: preview.encoding ?? '',
              delimiter: t(`import.delimiters.${DELIMITER[preview.delimiter]}`),
              kind: t(`import.kinds.${preview.kind}`),
            })
          : t('import.detectedSheet', {
              format: t(`import.formats.${preview.format}`, { defaultValue: preview.format }),
              kind: t(`import.kinds.${preview.kind}`),
            })}
      </p>
      <ul className="import-counts" aria-label={t('import.countsLabel')}>
        {OUTCOMES.map((outcome) => (
          <li key={outcome} data-outcome={outcome} data-count={preview.counts[outcome]}>
            <span aria-hidden="true">{SYMBOL[outcome]} </span>
            {t(`import.counts.${outcome}`)} <strong>{preview.counts[outcome]}</strong>
          </li>
        ))}
      </ul>

      {preview.problems.length > 0 && (
        <section className="import-problems" role="alert" aria-labelledby="import-problems-title">
          <h3 id="import-problems-title">{t('import.problemsTitle', { count: preview.totals.problems })}</h3>
          <p>{t('import.problemsIntro')}</p>
          <ListedOnly shown={preview.problems.length} total={preview.totals.problems} />
          <ul>
            {preview.problems.map((problem, index) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: one line can have several problems in the same column.
                key={index}
                data-line={problem.line}
                data-column={problem.column}
                data-position={problem.position}
              >
                {problemLine(problem, t, say)}
              </li>
            ))}
          </ul>
          {onChooseName && choosable.length > 0 && (
            <NameCandidates problems={choosable} onChoose={onChooseName} />
          )}
        </section>
      )}

      {preview.warnings.length > 0 && (
        <section className="import-warnings" aria-labelledby="import-warnings-title">
          <h3 id="import-warnings-title">{t('import.warningsTitle', { count: preview.totals.warnings })}</h3>
          <ListedOnly shown={preview.warnings.length} total={preview.totals.warnings} />
          <p>{t('import.warningsIntro')}</p>
          <ul>
            {preview.warnings.map((warning) => (
              <li key={`${warning.position} ${warning.code}`} data-position={warning.position}>
                {problemLine(warning, t, say)}
              </li>
            ))}
          </ul>
        </section>
      )}

      {preview.commentaryOwed.length > 0 && (
        <section className="import-warnings import-owed" aria-labelledby="import-owed-title">
          <h3 id="import-owed-title">{t('import.owedTitle', { count: preview.totals.commentaryOwed })}</h3>
          <ListedOnly shown={preview.commentaryOwed.length} total={preview.totals.commentaryOwed} />
          <p>{t('import.owedIntro')}</p>
          <ul>
            {preview.commentaryOwed.map((owed) => (
              <li key={`${owed.position} ${owed.code}`} data-position={owed.position}>
                {problemLine(owed, t, say)}
              </li>
            ))}
          </ul>
        </section>
      )}

      {preview.notReported.length > 0 && (
        <NotReportedList
          items={preview.notReported}
          names={preview.names}
          total={preview.totals.notReported}
        />
      )}

      {preview.nothingToImport && (
        <p className="import-nothing" role="status">
          {t('import.nothingToImport')}
        </p>
      )}

      {preview.rows.length === 0 ? (
        <p className="state state-empty">{t('import.noRows')}</p>
      ) : (
        <div className="table-scroll">
          <ListedOnly shown={preview.rows.length} total={preview.totals.rows} />
          <table className="data-table import-rows">
            <caption>{t('import.rowsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.colLine')}</th>
                {wide && <th scope="col">{t('import.colColumn')}</th>}
                <th scope="col">{t('import.colIndicator')}</th>
                <th scope="col">{t('import.colPeriod')}</th>
                <th scope="col">{t('import.colValue')}</th>
                <th scope="col">{t('import.colCurrent')}</th>
                <th scope="col">{t('import.colOutcome')}</th>
                <th scope="col">{t('import.colProblem')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr
                  key={`${row.line} ${row.column ?? ''}`}
                  data-line={row.line}
                  data-position={row.position}
                  data-code={row.code ?? ''}
                  data-period={row.period ?? ''}
                  data-outcome={row.outcome}
                  className={`import-row-${row.outcome}`}
                >
                  <td className="num">{row.line}</td>
                  {wide && <td>{row.column ?? '–'}</td>}
                  <td>
                    {row.code && preview.names[row.code] ? (
                      <>
                        {preview.names[row.code]?.[language]} <span className="code muted">{row.code}</span>
                      </>
                    ) : (
                      <span className="code">{row.code ?? '–'}</span>
                    )}
                  </td>
                  <td>{row.period ? formatPeriod(row.period, t) : '–'}</td>
                  <td className="num" data-value={row.value ?? ''}>
                    {number(row.value)}
                  </td>
                  <td className="num" data-current={row.current ?? ''}>
                    {number(row.current)}
                  </td>
                  <td className={`import-outcome import-outcome-${row.outcome}`}>
                    <span aria-hidden="true">{SYMBOL[row.outcome]} </span>
                    {t(`import.outcome.${row.outcome}`)}
                  </td>
                  <td>
                    {row.problems.length === 0
                      ? ''
                      : row.problems.map((problem) => problemLine(problem, t, say)).join(' ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
