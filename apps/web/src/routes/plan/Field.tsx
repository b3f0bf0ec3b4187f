import { type ReactNode, useId } from 'react';
import type { FieldProblem } from './usePlanEdit';

/** A labelled input with the server's problems of its field said right under it. */
export function Field({
  label,
  problems = [],
  children,
}: {
  label: string;
  problems?: FieldProblem[];
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const problemId = `${id}-problem`;
  const invalid = problems.length > 0;
  return (
    <div className={invalid ? 'plan-field plan-field-invalid' : 'plan-field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': invalid, ...(invalid ? { 'aria-describedby': problemId } : {}) })}
      {invalid && (
        <p id={problemId} className="plan-field-problem" role="alert">
          {problems.map((p) => p.text).join(' ')}
        </p>
      )}
    </div>
  );
}

/** A longer text in both languages (a definition, a formula, a data source), each with its problems. */
export function BilingualText({
  labels,
  value,
  onChange,
  problemsOf,
  field,
}: {
  labels: [string, string];
  value: { ko: string; en: string };
  onChange: (value: { ko: string; en: string }) => void;
  problemsOf: (field: string) => FieldProblem[];
  field: string;
}) {
  return (
    <>
      {(['ko', 'en'] as const).map((language, i) => (
        <Field key={language} label={labels[i] ?? ''} problems={problemsOf(`${field}.${language}`)}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={value[language]}
              onChange={(e) => onChange({ ...value, [language]: e.target.value })}
            />
          )}
        </Field>
      ))}
    </>
  );
}
