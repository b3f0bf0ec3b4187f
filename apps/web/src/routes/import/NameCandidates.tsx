import { useId } from 'react';
import { useLanguage } from '../../format/language';
import type { ImportPreview } from './importRequest';

type Problem = ImportPreview['problems'][number];

/**
 * For each name in the file that matches no indicator, the closest indicators to choose from: the
 * choice becomes part of the mapping (and is remembered with it), and the file is previewed again.
 */
export function NameCandidates({
  problems,
  onChoose,
}: {
  problems: Problem[];
  onChoose: (name: string, code: string) => void;
}) {
  const { t, language } = useLanguage();
  const id = useId();
  const names = [...new Map(problems.map((p) => [String(p.params.value), p])).values()];
  return (
    <div className="import-candidates">
      <h4>{t('import.candidatesTitle')}</h4>
      {names.map((problem, index) => (
        <div className="import-field" key={String(problem.params.value)}>
          <label htmlFor={`${id}-${index}`}>
            {t('import.candidatesFor', { name: problem.params.value })}
          </label>
          <select
            id={`${id}-${index}`}
            defaultValue=""
            onChange={(event) =>
              event.target.value && onChoose(String(problem.params.value), event.target.value)
            }
          >
            <option value="">{t('import.choose')}</option>
            {problem.candidates?.map((c) => (
              <option key={c.code} value={c.code}>
                {`${c.code} ${language === 'ko' ? c.name_ko : c.name_en}`}
              </option>
            ))}
          </select>
        </div>
      ))}
    </div>
  );
}
