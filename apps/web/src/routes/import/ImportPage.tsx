import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useId, useState } from 'react';
import { useSession } from '../../auth/useSession';
import { QueryState } from '../../components/QueryState';
import { ViewLink } from '../../components/ViewLink';
import { useLanguage } from '../../format/language';
import { useView } from '../../view/useView';
import { useDepartments } from '../account/useDepartments';
import { ColumnMapping } from './ColumnMapping';
import {
  type Committed,
  commitFile,
  FileProblem,
  type ImportPreview,
  ImportRefused,
  type Mapping,
  previewFile,
  type ReadAt,
} from './importRequest';
import { LayoutPicker } from './LayoutPicker';
import { PreviewResult } from './PreviewResult';
import './import.css';
import type { TFunction } from 'i18next';
import { errorText, problemText } from '../../format/problems';

const TEMPLATE: Mapping = { kind: 'template' };

/** Importing actuals from a spreadsheet: template and file, the preview, then the import (as pending values). */
export default function ImportPage() {
  const { t } = useLanguage();
  const session = useSession();
  const { view, yearsQuery } = useView();
  const user = session.data?.user;
  if (session.isPending) return <QueryState query={session}>{() => null}</QueryState>;
  if (!user || (user.role !== 'bureau_head' && user.role !== 'admin')) {
    return (
      <section className="import-page" aria-labelledby="import-title">
        <h1 id="import-title">{t('import.title')}</h1>
        <div className="import-only" role="note">
          <h2>
            <span aria-hidden="true">⊘ </span>
            {t('import.onlyTitle')}
          </h2>
          <p>{t('import.onlyBody', { role: user ? t(`auth.role.${user.role}`) : '–' })}</p>
        </div>
      </section>
    );
  }
  if (!view) {
    return (
      <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
        {() => <p className="state">{t('state.loading')}</p>}
      </QueryState>
    );
  }
  return (
    <Importer key={view.year} year={view.year} isAdmin={user.role === 'admin'} own={user.departmentCode} />
  );
}

function Importer({ year: viewYear, isAdmin, own }: { year: number; isAdmin: boolean; own: string | null }) {
  const { t, language } = useLanguage();
  const id = useId();
  const queryClient = useQueryClient();
  const { years } = useView();
  const departments = useDepartments();
  const [year, setYear] = useState(viewYear);
  const [department, setDepartment] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Mapping>(TEMPLATE);
  /** The sheet and header row the person chose (the server finds them otherwise). */
  const [at, setAt] = useState<ReadAt>({});
  /** The person asked to change a mapping that was found (template or remembered). */
  const [editing, setEditing] = useState(false);
  /** How the file was last read, kept while a new choice is refused, so the choice can be undone. */
  const [layout, setLayout] = useState<ImportPreview['layout'] | null>(null);
  const [dragging, setDragging] = useState(false);

  type Input = { file: File; mapping: Mapping; at: ReadAt };
  const preview = useMutation<ImportPreview, Error, Input>({
    mutationFn: (input) => previewFile(input.file, year, input.mapping, input.at),
    onSuccess: (result) => setLayout(result.layout),
  });
  const commit = useMutation<Committed, Error, Input>({
    mutationFn: (input) => commitFile(input.file, year, input.mapping, input.at),
    onSuccess: () => queryClient.invalidateQueries(),
  });

  const choose = (next: File | null) => {
    setFile(next);
    setMapping(TEMPLATE);
    setAt({});
    setEditing(false);
    setLayout(null);
    commit.reset();
    preview.reset();
    if (next) preview.mutate({ file: next, mapping: TEMPLATE, at: {} });
  };
  const read = (next: { mapping?: Mapping; at?: ReadAt }) => {
    if (!file) return;
    const nextMapping = next.mapping ?? mapping;
    const nextAt = next.at ?? at;
    setMapping(nextMapping);
    setAt(nextAt);
    commit.reset();
    preview.mutate({ file, mapping: nextMapping, at: nextAt });
  };
  // Another header row means other columns: the mapping is found (or remembered) again.
  const chooseAt = (next: ReadAt) => read({ at: next, mapping: TEMPLATE });
  const applyMapping = (next: Mapping) => {
    setEditing(false);
    read({ mapping: next });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };

  const templateQuery = new URLSearchParams({ year: String(year) });
  if (isAdmin && department) templateQuery.set('department', department);
  const ownName = departments.find((d) => d.code === own)?.name[language] ?? own ?? '';
  const shown = commit.error instanceof ImportRefused ? (commit.error.preview ?? preview.data) : preview.data;
  const fileError = preview.error;
  const used = shown?.mapping ?? null;
  const showMapping =
    layout !== null && (shown?.needsMapping || editing || (fileError && mapping.kind !== 'template'));
  const chooseName =
    used && used.value.kind !== 'template'
      ? (name: string, code: string) => {
          const value = used.value as Exclude<Mapping, { kind: 'template' }>;
          read({ mapping: { ...value, names: { ...value.names, [name]: code } } });
        }
      : undefined;

  return (
    <section className="import-page" aria-labelledby="import-title">
      <header className="import-header">
        <h1 id="import-title">{t('import.title')}</h1>
        <p className="muted">{t('import.intro')}</p>
        <p className="import-scope">
          {isAdmin ? t('import.scopeAll') : t('import.scopeOwn', { department: ownName })}
        </p>
      </header>

      <section className="import-step" aria-labelledby={`${id}-step1`}>
        <h2 id={`${id}-step1`}>{t('import.step1')}</h2>
        <div className="import-row-fields">
          <div className="import-field">
            <label htmlFor={`${id}-year`}>{t('import.year')}</label>
            <select
              id={`${id}-year`}
              value={year}
              onChange={(event) => {
                setYear(Number(event.target.value));
                choose(null);
              }}
            >
              {(years.length > 0 ? years : [viewYear]).map((y) => (
                <option key={y} value={y}>
                  {t('import.yearOption', { year: y })}
                </option>
              ))}
            </select>
          </div>
          {isAdmin && (
            <div className="import-field">
              <label htmlFor={`${id}-department`}>{t('import.department')}</label>
              <select
                id={`${id}-department`}
                value={department}
                onChange={(event) => setDepartment(event.target.value)}
              >
                <option value="">{t('import.allDepartments')}</option>
                {departments.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.name[language]}
                  </option>
                ))}
              </select>
            </div>
          )}
          <a className="import-template" href={`/api/import/template.csv?${templateQuery}`} download>
            <span aria-hidden="true">⤓ </span>
            {t('import.template')}
          </a>
          <a
            className="import-template"
            href={`/api/import/template.xlsx?${templateQuery}&lang=${language}`}
            download
          >
            <span aria-hidden="true">⤓ </span>
            {t('import.templateXlsx')}
          </a>
        </div>
        <p className="muted">{t('import.templateHint')}</p>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the file input inside is the keyboard path. */}
        <div
          className={`import-drop${dragging ? ' is-dragging' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <label htmlFor={`${id}-file`}>{t('import.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            className="visually-hidden import-file-input"
            accept=".csv,.txt,.tsv,.xlsx,.xls,.htm,.html,text/csv"
            onChange={(event) => {
              choose(event.target.files?.[0] ?? null);
              // The same file chosen again (after fixing it) must preview again.
              event.target.value = '';
            }}
          />
          {/* The browser's own file button speaks the browser's language; this one speaks the reader's. */}
          <label htmlFor={`${id}-file`} className="import-file-button" aria-hidden="true">
            {t('import.chooseFile')}
          </label>
          <p className="muted">{t('import.drop')}</p>
          {file && (
            <p className="import-chosen">
              {t('import.chosen', {
                name: file.name,
                size: new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-US', {
                  style: 'unit',
                  unit: 'kilobyte',
                  maximumFractionDigits: 1,
                }).format(file.size / 1024),
              })}
            </p>
          )}
        </div>
      </section>

      {file && (
        <section className="import-step" aria-labelledby={`${id}-step2`}>
          <h2 id={`${id}-step2`}>{t('import.step2')}</h2>
          {preview.isPending && (
            <p className="state" role="status">
              {t('import.previewing')}
            </p>
          )}
          {fileError && (
            <p
              className="form-error import-file-error"
              role="alert"
              data-line={(fileError as FileProblem).line ?? ''}
            >
              {fileErrorText(fileError, t)}
            </p>
          )}
          {layout && <LayoutPicker layout={layout} busy={preview.isPending} onChoose={chooseAt} />}
          {shown && !shown.needsMapping && used && used.source !== 'template' && !editing && (
            <p className="import-mapping-used" role="status">
              {t(used.source === 'remembered' ? 'import.mappingRemembered' : 'import.mappingGiven')}{' '}
              <button type="button" className="import-link-button" onClick={() => setEditing(true)}>
                {t('import.changeMapping')}
              </button>
            </p>
          )}
          {showMapping && layout && (
            <ColumnMapping
              key={`${layout.sheet ?? ''} ${layout.headerRow}`}
              header={layout.header}
              notValues={layout.roles.map((r) => r.column)}
              initial={used?.value ?? (mapping.kind === 'template' ? null : mapping)}
              busy={preview.isPending}
              onApply={applyMapping}
            />
          )}
          {shown && !preview.isPending && !shown.needsMapping && (
            <PreviewResult preview={shown} onChooseName={chooseName} />
          )}
          {shown?.needsMapping && !preview.isPending && (
            <p className="import-file-note" role="status">
              {problemText(t, shown.problems[0] ?? { message: '' })}
            </p>
          )}
        </section>
      )}

      {file && shown && !shown.needsMapping && (
        <section className="import-step" aria-labelledby={`${id}-step3`}>
          <h2 id={`${id}-step3`}>{t('import.step3')}</h2>
          {commit.isSuccess ? (
            <div className="import-done" role="status">
              <p>
                <span aria-hidden="true">✓ </span>
                <strong>{t('import.committed', { count: commit.data.written })}</strong>
                {commit.data.unchanged > 0 && <> {t('import.unchanged', { count: commit.data.unchanged })}</>}
              </p>
              {commit.data.commentaryOwed > 0 && (
                <p className="import-done-owed">
                  {t('import.committedOwed', { count: commit.data.commentaryOwed })}
                </p>
              )}
              <p className="import-done-links">
                <ViewLink to="/report">{t('import.toReport')}</ViewLink>
                <button type="button" className="import-link-button" onClick={() => choose(null)}>
                  {t('import.another')}
                </button>
              </p>
            </div>
          ) : (
            <>
              <p className={shown.canCommit ? 'import-ready' : 'import-blocked'}>
                {shown.canCommit
                  ? t('import.commitReady', { new: shown.counts.new, change: shown.counts.change })
                  : shown.nothingToImport
                    ? t('import.commitNothing')
                    : t('import.commitBlocked')}
              </p>
              <button
                type="button"
                className="import-button import-commit"
                disabled={!shown.canCommit || commit.isPending || preview.isPending}
                onClick={() => commit.mutate({ file, mapping, at })}
              >
                {commit.isPending ? t('import.committing') : t('import.commit')}
              </button>
              {commit.error && (
                <p className="form-error" role="alert">
                  {commit.error instanceof ImportRefused
                    ? t('import.refused', { message: errorText(t, commit.error) })
                    : fileErrorText(commit.error, t)}
                </p>
              )}
            </>
          )}
        </section>
      )}
    </section>
  );
}

/** A refusal in the reader's language: said from its problem code when the server sent one. */
function fileErrorText(error: Error, t: TFunction): string {
  if (error instanceof FileProblem) {
    const message = error.problem ? errorText(t, error) : error.message;
    return error.line === null
      ? t('import.fileProblemNoLine', { message })
      : t('import.fileProblem', { line: error.line, message });
  }
  return t('import.failed', { message: error.message });
}
