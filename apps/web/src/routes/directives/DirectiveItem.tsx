import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSession } from '../../auth/useSession';
import { formatDate, useLanguage } from '../../format/language';

import { errorText } from '../../format/problems';
import { type RouterOutputs, useTRPC } from '../../trpc';

type Directive = RouterOutputs['directives']['list']['items'][number];

/** One directive: what, from which meeting, who by when; its progress and, for whom it concerns, what to do next. */
export function DirectiveItem({ year, directive }: { year: number; directive: Directive }) {
  const { t, language } = useLanguage();
  const [open, setOpen] = useState(false);
  return (
    <li
      className={`directive${directive.overdue ? ' directive-overdue' : ''}`}
      data-directive={directive.id}
      data-state={directive.state}
    >
      <p className="directive-meta">
        <span className="code">#{directive.id}</span> {formatDate(directive.meeting.date, language)} ·{' '}
        {directive.meeting.name} · {directive.sector.name[language]}
        {directive.indicator && ` · ${directive.indicator.code}`}
        {directive.project && ` · ${directive.project.code}`}
      </p>
      <p className="directive-content">{directive.content}</p>
      <p className="directive-facts">
        <span>
          {t('directives.department')}: {directive.departments.map((d) => d.name[language]).join(', ')}
        </span>{' '}
        <span>
          {t('directives.dueDate')}: {formatDate(directive.dueDate, language)}
        </span>{' '}
        <span className={`directive-state directive-state-${directive.state}`}>
          {t(`directives.states.${directive.state}`)}
        </span>
        {directive.overdue && <strong className="overdue-badge"> {t('directives.overdue')}</strong>}
      </p>
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('directives.progress.title')}
      </button>
      {open && <DirectiveProgress year={year} directive={directive} />}
    </li>
  );
}

function DirectiveProgress({ year, directive }: { year: number; directive: Directive }) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const queryClient = useQueryClient();
  const session = useSession();
  const user = session.data?.user;
  const detail = useQuery(trpc.directives.detail.queryOptions({ year, id: directive.id }));
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const done = {
    onSuccess: () => queryClient.invalidateQueries(),
    onError: (e: Parameters<typeof errorText>[1]) =>
      setFailure(t('directives.failed', { message: errorText(t, e) })),
  };
  const report = useMutation(trpc.directives.report.mutationOptions(done));
  const decide = useMutation(trpc.directives.decide.mutationOptions(done));
  const assigned =
    user?.role === 'admin' ||
    user?.role === 'approver' ||
    (user?.role === 'bureau_head' && directive.departments.some((d) => d.code === user.departmentCode));
  const planningOffice = user?.role === 'admin' || user?.role === 'approver';
  const send = (proposeCompletion: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    setFailure(null);
    report.mutate(
      { year, id: directive.id, note: note.trim(), proposeCompletion },
      { onSuccess: () => setNote('') },
    );
  };
  return (
    <div className="directive-progress">
      {detail.data && detail.data.notes.length === 0 && (
        <p className="muted">{t('directives.progress.none')}</p>
      )}
      <ol className="directive-notes">
        {detail.data?.notes.map((n) => (
          <li key={n.id}>
            <span className="muted">
              {formatDate(n.writtenAt.slice(0, 10), language)} · {n.writtenBy}
            </span>{' '}
            {n.note}
          </li>
        ))}
      </ol>
      {assigned && directive.state !== 'done' && (
        <form onSubmit={send(false)} className="directive-report">
          <label className="form-field">
            <span>{t('directives.progress.note')}</span>
            <textarea value={note} rows={2} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" disabled={report.isPending}>
            {t('directives.progress.submit')}
          </button>{' '}
          <button type="button" disabled={report.isPending} onClick={() => send(true)()}>
            {t('directives.progress.propose')}
          </button>
        </form>
      )}
      {planningOffice && directive.state === 'proposed' && (
        <p className="directive-decide">
          <button
            type="button"
            className="primary"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ year, id: directive.id, confirm: true })}
          >
            {t('directives.progress.confirm')}
          </button>{' '}
          <button
            type="button"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ year, id: directive.id, confirm: false })}
          >
            {t('directives.progress.reopen')}
          </button>
        </p>
      )}
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
