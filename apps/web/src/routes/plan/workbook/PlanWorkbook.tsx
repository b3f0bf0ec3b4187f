import { changeInWords } from '@tangible/api/plan-workbook-words';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLanguage } from '../../../format/language';
import { problemText } from '../../../format/problems';
import { sendWorkbook, type WorkbookDryRun, WorkbookRefused } from './workbookRequest';

const KINDS = ['sectors', 'strategies', 'projects', 'indicators', 'targets', 'milestones'] as const;

/**
 * The plan workbook in the editor (issue 12.6): the whole plan downloaded as xlsx (or one kind as
 * CSV) in the reader's language; for the planning office, an edited workbook uploaded for a dry-run
 * that lists what would be added, changed, revised and retired and every cell to correct, and applied
 * with one click when nothing is wrong.
 */
export function PlanWorkbook({ year, planOffice }: { year: number; planOffice: boolean }) {
  const { t, language } = useLanguage();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('indicators');
  const [file, setFile] = useState<File | null>(null);
  const [run, setRun] = useState<WorkbookDryRun | null>(null);
  const [working, setWorking] = useState<'reading' | 'applying' | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  function failed(error: unknown) {
    if (error instanceof WorkbookRefused) {
      if (error.dryRun) setRun(error.dryRun);
      setMessage(
        error.problem ? problemText(t, { ...error.problem, message: error.message }) : error.message,
      );
    } else setMessage(error instanceof Error ? error.message : String(error));
  }

  async function read(chosen: File) {
    setFile(chosen);
    setRun(null);
    setMessage(null);
    setWorking('reading');
    try {
      setRun(await sendWorkbook('dry-run', chosen, year));
    } catch (error) {
      failed(error);
    } finally {
      setWorking(null);
    }
  }

  async function apply() {
    if (!file) return;
    setWorking('applying');
    try {
      await sendWorkbook('apply', file, year);
      setRun(null);
      setFile(null);
      setMessage(t('planWorkbook.applied'));
      await queryClient.invalidateQueries();
    } catch (error) {
      failed(error);
    } finally {
      setWorking(null);
    }
  }

  const changes = run ? run.added.length + run.changed.length + run.revisions.length + run.leaving.length : 0;
  return (
    <section className="plan-workbook" aria-labelledby="plan-workbook-title">
      <h2 id="plan-workbook-title">{t('planWorkbook.title')}</h2>
      <p className="muted">{t('planWorkbook.intro')}</p>
      <p>
        <a className="button" href={`/api/plan/workbook.xlsx?year=${year}&lang=${language}`} download>
          {t('planWorkbook.downloadXlsx')}
        </a>{' '}
        <label>
          {t('planWorkbook.kind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`planWorkbook.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <a
          className="button"
          href={`/api/plan/workbook.csv?year=${year}&kind=${kind}&lang=${language}`}
          download
        >
          {t('planWorkbook.downloadCsv')}
        </a>
      </p>
      {planOffice && (
        <p>
          <label>
            {t('planWorkbook.upload')}{' '}
            <input
              type="file"
              accept=".xlsx,.csv,.txt"
              disabled={working !== null}
              onChange={(e) => {
                const chosen = e.target.files?.[0];
                e.target.value = '';
                if (chosen) void read(chosen);
              }}
            />
          </label>{' '}
          {working && <span className="muted">{t(`planWorkbook.${working}`)}</span>}
        </p>
      )}
      <p role="status" className="plan-workbook-message">
        {message}
      </p>
      {run && (
        <>
          <p>
            {t('planWorkbook.summary', {
              year: run.year,
              added: run.added.length,
              changed: run.changed.length,
              revisions: run.revisions.length,
              leaving: run.leaving.length,
              problems: run.problems.length,
            })}
          </p>
          {changes === 0 && run.problems.length === 0 && <p>{t('planWorkbook.nothing')}</p>}
          {changes > 0 && <Changes run={run} />}
          {run.problems.length > 0 && <Problems run={run} />}
          {changes > 0 && run.problems.length === 0 && (
            <p>
              <button
                type="button"
                className="primary"
                disabled={working !== null}
                onClick={() => void apply()}
              >
                {working === 'applying' ? t('planWorkbook.applying') : t('planWorkbook.apply')}
              </button>
            </p>
          )}
          {run.problems.length > 0 && <p className="plan-form-failure">{t('planWorkbook.refused')}</p>}
        </>
      )}
    </section>
  );
}

function Changes({ run }: { run: WorkbookDryRun }) {
  const { t, language } = useLanguage();
  const what = (level: string, code: string) => `${t(`planWorkbook.level.${level}`)} ${code}`;
  return (
    <div className="table-scroll">
      <table className="data-table plan-workbook-changes">
        <thead>
          <tr>
            <th scope="col">{t('planWorkbook.what')}</th>
            <th scope="col">{t('planWorkbook.field')}</th>
            <th scope="col">{t('planWorkbook.before')}</th>
            <th scope="col">{t('planWorkbook.after')}</th>
          </tr>
        </thead>
        <tbody>
          {run.added.map((a) => (
            <tr key={`a ${a.level} ${a.code}`} data-change="added">
              <td>{what(a.level, a.code)}</td>
              <td colSpan={3}>{t('planWorkbook.added')}</td>
            </tr>
          ))}
          {run.changed.map((c) => {
            // The field as the workbook's column header, an enumeration's value as its word.
            const said = changeInWords(c, language);
            return (
              <tr key={`c ${c.level} ${c.code} ${c.field}`} data-change="changed">
                <td>{what(c.level, c.code)}</td>
                <td>{said.field}</td>
                <td>{said.old}</td>
                <td>{said.new}</td>
              </tr>
            );
          })}
          {run.revisions.map((r) => (
            <tr key={`r ${r.code} ${r.period}`} data-change="revision">
              <td>{what('indicator', r.code)}</td>
              <td>
                {r.period} · {t('planWorkbook.revision', { reason: r.reason })}
              </td>
              <td>{r.old}</td>
              <td>{r.new}</td>
            </tr>
          ))}
          {run.leaving.map((l) => (
            <tr key={`l ${l.level} ${l.code}`} data-change={l.how}>
              <td>{what(l.level, l.code)}</td>
              <td colSpan={3}>{t(`planWorkbook.${l.how}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Problems({ run }: { run: WorkbookDryRun }) {
  const { t } = useLanguage();
  return (
    <div className="table-scroll">
      <h3>{t('planWorkbook.problemsTitle')}</h3>
      <table className="data-table plan-workbook-problems">
        <thead>
          <tr>
            <th scope="col">{t('planWorkbook.cell')}</th>
            <th scope="col">{t('planWorkbook.column')}</th>
            <th scope="col">{t('planWorkbook.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {run.problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity but their order.
            <tr key={i}>
              <td>{p.position || p.sheet || p.file}</td>
              <td>{p.column}</td>
              <td>{problemText(t, p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
