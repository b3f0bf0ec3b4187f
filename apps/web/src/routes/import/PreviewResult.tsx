import type { TFunction } from 'i18next';
import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import { problemText } from '../../format/problems';
import type { ImportPreview, Outcome } from './importRequest';

const OUTCOMES: Outcome[] = ['new', 'change', 'same', 'error'];
const SYMBOL: Record<Outcome, string> = { new: '+', change: '△', same: '=', error: '✕' };
const DELIMITER = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

type Problem = ImportPreview['problems'][number];

/** A problem with its line, column and reason, all in the reader's language (the reason by its code). */
function problemLine(problem: Problem, t: TFunction): string {
  const values = { line: problem.line, column: problem.column, message: problemText(t, problem) };
  return problem.column ? t('import.problemItem', values) : t('import.problemItemNoColumn', values);
}

/** What the file would do: encoding and delimiter found, counts, every row's outcome, every problem. */
export function PreviewResult({ preview }: { preview: ImportPreview }) {
  const { t, language } = useLanguage();
  const number = (value: number | null) =>
    value === null ? '–' : new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-US').format(value);
  const wide = preview.kind === 'wide';
  return (
    <div className="import-preview">
      <p className="import-detected" data-encoding={preview.encoding}>
        {t('import.detected', {
          encoding: preview.encoding,
          delimiter: t(`import.delimiters.${DELIMITER[preview.delimiter]}`),
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
          <h3 id="import-problems-title">{t('import.problemsTitle', { count: preview.problems.length })}</h3>
          <p>{t('import.problemsIntro')}</p>
          <ul>
            {preview.problems.map((problem, index) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: one line can have several problems in the same column.
                key={index}
                data-line={problem.line}
                data-column={problem.column}
              >
                {problemLine(problem, t)}
              </li>
            ))}
          </ul>
        </section>
      )}

      {preview.rows.length === 0 ? (
        <p className="state state-empty">{t('import.noRows')}</p>
      ) : (
        <div className="table-scroll">
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
                  data-code={row.code ?? ''}
                  data-period={row.period ?? ''}
                  data-outcome={row.outcome}
                  className={`import-row-${row.outcome}`}
                >
                  <td className="num">{row.line}</td>
                  {wide && <td>{row.column ?? '–'}</td>}
                  <td>
                    <span className="code">{row.code ?? '–'}</span>
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
                      : row.problems.map((problem) => problemLine(problem, t)).join(' ')}
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
