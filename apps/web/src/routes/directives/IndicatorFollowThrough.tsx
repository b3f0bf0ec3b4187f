import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSession } from '../../auth/useSession';
import { formatDate, useLanguage } from '../../format/language';
import { errorText } from '../../format/problems';
import { type RouterOutputs, useTRPC } from '../../trpc';
import type { IndicatorDetail } from '../indicator/detail';
import { Commentary } from './Commentary';
import './directives.css';

type Action = RouterOutputs['actions']['ofIndicator'][number];
const STATES = ['planned', 'in_progress', 'done', 'dropped'] as const;

/** On the indicator page: the commentary of its latest counted value, and its corrective actions. */
export function IndicatorFollowThrough({ detail }: { detail: IndicatorDetail }) {
  const { t } = useLanguage();
  const latest = detail.measurements.filter((m) => m.countedAsOf && (m.analysis || m.nextSteps)).at(-1);
  return (
    <>
      <section aria-labelledby="indicator-commentary-title" data-section="commentary">
        <h2 id="indicator-commentary-title">{t('directives.commentary.title')}</h2>
        {latest ? (
          <Commentary
            commentary={{ period: latest.period, analysis: latest.analysis, nextSteps: latest.nextSteps }}
          />
        ) : (
          <p className="muted">{t('directives.commentary.none')}</p>
        )}
      </section>
      <CorrectiveActions detail={detail} />
    </>
  );
}

function CorrectiveActions({ detail }: { detail: IndicatorDetail }) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const session = useSession();
  const user = session.data?.user;
  const { indicator } = detail;
  const actions = useQuery(
    trpc.actions.ofIndicator.queryOptions({ year: detail.year, code: indicator.code }),
  );
  const keeps =
    user?.role === 'admin' ||
    user?.role === 'approver' ||
    (user?.role === 'bureau_head' && user.departmentCode === indicator.department.code);
  const slipping = indicator.figures.status === 'at_risk' || indicator.figures.status === 'off_track';
  const overdue = actions.data?.some((a) => a.overdue) ?? false;
  return (
    <section
      aria-labelledby="indicator-actions-title"
      data-section="actions"
      className={overdue ? 'has-overdue-action' : undefined}
    >
      <h2 id="indicator-actions-title">{t('directives.actions.title')}</h2>
      {overdue && (
        <p className="overdue-badge" role="status">
          {t('directives.actions.hasOverdue')}
        </p>
      )}
      {actions.data && actions.data.length === 0 && <p className="muted">{t('directives.actions.empty')}</p>}
      {actions.data && actions.data.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('directives.actions.what')}</th>
              <th scope="col">{t('directives.actions.owner')}</th>
              <th scope="col">{t('directives.actions.dueDate')}</th>
              <th scope="col">{t('directives.actions.state')}</th>
            </tr>
          </thead>
          <tbody>
            {actions.data.map((action) => (
              <tr
                key={action.id}
                data-action={action.id}
                className={action.overdue ? 'directive-overdue' : undefined}
              >
                <th scope="row">
                  {action.title}
                  {action.notes.map((n) => (
                    <p key={n.id} className="muted">
                      {formatDate(n.writtenAt.slice(0, 10), language)} · {n.note}
                    </p>
                  ))}
                  {action.dropReason && <p className="muted">{action.dropReason}</p>}
                </th>
                <td>{action.department.name[language]}</td>
                <td>
                  {formatDate(action.dueDate, language)}
                  {action.overdue && (
                    <strong className="overdue-badge"> {t('directives.actions.overdue')}</strong>
                  )}
                </td>
                <td>
                  {keeps && (action.state === 'planned' || action.state === 'in_progress') ? (
                    <ActionChange year={detail.year} action={action} />
                  ) : (
                    t(`directives.actions.states.${action.state}`)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {keeps && slipping && <AddAction year={detail.year} code={indicator.code} />}
    </section>
  );
}

function AddAction({ year, code }: { year: number; code: string }) {
  const trpc = useTRPC();
  const { t } = useLanguage();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const add = useMutation(trpc.actions.add.mutationOptions());
  const send = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    add.mutate(
      { year, indicator: code, title, dueDate },
      {
        onSuccess: async () => {
          setTitle('');
          await queryClient.invalidateQueries();
        },
        onError: (error) => setFailure(t('directives.failed', { message: errorText(t, error) })),
      },
    );
  };
  return (
    <form className="action-add" onSubmit={send} noValidate>
      <h3>{t('directives.actions.add')}</h3>
      <label className="form-field">
        <span>{t('directives.actions.what')}</span>
        <input value={title} maxLength={1000} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="form-field">
        <span>{t('directives.actions.dueDate')}</span>
        <input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
      </label>
      <button type="submit" disabled={add.isPending}>
        {t('directives.actions.save')}
      </button>
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}

function ActionChange({ year, action }: { year: number; action: Action }) {
  const trpc = useTRPC();
  const { t } = useLanguage();
  const queryClient = useQueryClient();
  const [state, setState] = useState<(typeof STATES)[number]>(action.state);
  const [note, setNote] = useState('');
  const [dropReason, setDropReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const update = useMutation(trpc.actions.update.mutationOptions());
  const send = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    update.mutate(
      {
        year,
        id: action.id,
        state,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(state === 'dropped' ? { dropReason } : {}),
      },
      {
        onSuccess: async () => {
          setNote('');
          await queryClient.invalidateQueries();
        },
        onError: (error) => setFailure(t('directives.failed', { message: errorText(t, error) })),
      },
    );
  };
  return (
    <form onSubmit={send} className="action-change">
      <select
        aria-label={t('directives.actions.state')}
        value={state}
        onChange={(e) => setState(e.target.value as (typeof STATES)[number])}
      >
        {STATES.map((s) => (
          <option key={s} value={s}>
            {t(`directives.actions.states.${s}`)}
          </option>
        ))}
      </select>
      {state === 'dropped' && (
        <input
          aria-label={t('directives.actions.dropReason')}
          placeholder={t('directives.actions.dropReason')}
          value={dropReason}
          onChange={(e) => setDropReason(e.target.value)}
        />
      )}
      <input
        aria-label={t('directives.actions.note')}
        placeholder={t('directives.actions.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="submit" disabled={update.isPending}>
        {t('directives.actions.save')}
      </button>
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
