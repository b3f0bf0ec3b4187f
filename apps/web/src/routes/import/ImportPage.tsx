import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useId, useState } from 'react';
import { useSession } from '../../auth/useSession';
import { QueryState } from '../../components/QueryState';
import { ViewLink } from '../../components/ViewLink';
import { useLanguage } from '../../format/language';
import { useView } from '../../view/useView';
import { useDepartments } from '../account/useDepartments';
import { ColumnMapping } from './ColumnMapping';
import { readHeader } from './fileHeader';
import {
  type Committed,
  commitFile,
  FileProblem,
  type ImportPreview,
  ImportRefused,
  type Mapping,
  previewFile,
} from './importRequest';
import { PreviewResult } from './PreviewResult';
import './import.css';
import { errorText } from '../../format/problems';

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
  /** The file's column names, once the server said they are not the template's. */
  const [header, setHeader] = useState<string[] | null>(null);
  const [headerUnread, setHeaderUnread] = useState(false);
  const [dragging, setDragging] = useState(false);

  const preview = useMutation<ImportPreview, Error, { file: File; mapping: Mapping }>({
    mutationFn: (input) => previewFile(input.file, year, input.mapping),
    onError: async (error, input) => {
      if (error instanceof FileProblem && error.needsMapping && input.mapping.kind === 'template') {
        const columns = await readHeader(input.file).catch(() => []);
        setHeaderUnread(columns.length === 0);
        setHeader(columns);
      }
    },
  });
  const commit = useMutation<Committed, Error, { file: File; mapping: Mapping }>({
    mutationFn: (input) => commitFile(input.file, year, input.mapping),
    onSuccess: () => queryClient.invalidateQueries(),
  });

  const choose = (next: File | null) => {
    setFile(next);
    setMapping(TEMPLATE);
    setHeader(null);
    setHeaderUnread(false);
    commit.reset();
    preview.reset();
    if (next) preview.mutate({ file: next, mapping: TEMPLATE });
  };
  const applyMapping = (next: Mapping) => {
    if (!file) return;
    setMapping(next);
    commit.reset();
    preview.mutate({ file, mapping: next });
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
            accept=".csv,.txt,text/csv"
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
          {fileError && !(fileError instanceof FileProblem && fileError.needsMapping && header) && (
            <p
              className="form-error import-file-error"
              role="alert"
              data-line={(fileError as FileProblem).line ?? ''}
            >
              {fileErrorText(fileError, t)}
            </p>
          )}
          {header && (
            <>
              {fileError instanceof FileProblem && fileError.needsMapping && (
                <p className="import-file-note" role="status">
                  {fileErrorText(fileError, t)}
                </p>
              )}
              {headerUnread ? (
                <p className="form-error" role="alert">
                  {t('import.headerUnread')}
                </p>
              ) : (
                <ColumnMapping header={header} busy={preview.isPending} onApply={applyMapping} />
              )}
            </>
          )}
          {shown && !preview.isPending && <PreviewResult preview={shown} />}
        </section>
      )}

      {file && shown && (
        <section className="import-step" aria-labelledby={`${id}-step3`}>
          <h2 id={`${id}-step3`}>{t('import.step3')}</h2>
          {commit.isSuccess ? (
            <div className="import-done" role="status">
              <p>
                <span aria-hidden="true">✓ </span>
                <strong>{t('import.committed', { count: commit.data.written })}</strong>
                {commit.data.unchanged > 0 && <> {t('import.unchanged', { count: commit.data.unchanged })}</>}
              </p>
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
                  : t('import.commitBlocked')}
              </p>
              <button
                type="button"
                className="import-button import-commit"
                disabled={!shown.canCommit || commit.isPending || preview.isPending}
                onClick={() => commit.mutate({ file, mapping })}
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

/** A refusal in the reader's language around the server's own (English) message and its line. */
function fileErrorText(error: Error, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof FileProblem) {
    return error.line === null
      ? t('import.fileProblemNoLine', { message: error.message })
      : t('import.fileProblem', { line: error.line, message: error.message });
  }
  return t('import.failed', { message: error.message });
}
