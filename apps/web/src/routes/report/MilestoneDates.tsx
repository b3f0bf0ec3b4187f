import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { formatDate, useLanguage } from '../../format/language';
import { errorText } from '../../format/problems';
import { useTRPC } from '../../trpc';
import { usePaging } from '../../view/usePaging';
import { MilestoneStateBadge } from '../milestones/MilestoneState';
import type { DepartmentMilestone } from './types';

/**
 * The department's milestones, with their actual or forecast dates recorded through
 * `reports.updateMilestone`. Read as of the plan year's last month, so that every actual date
 * of the year is shown and kept when the form is saved.
 */
/** Milestones per page of the form. */
const LIMIT = 25;

export function MilestoneDates({ year, department }: { year: number; department: string }) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const paging = usePaging({ prefix: 'milestones' });
  const query = useQuery(
    trpc.milestones.list.queryOptions(
      { year, asOf: `${year}-12`, department, page: paging.page, limit: LIMIT },
      {
        placeholderData: (previous) =>
          previous?.items[0]?.department.code === department ? previous : undefined,
      },
    ),
  );
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <QueryState query={query}>
      {(list) =>
        list.total === 0 ? (
          <p className="muted report-milestones-none">{t('report.milestones.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table report-milestones">
              <caption>
                {t('report.milestones.caption', {
                  department: list.items[0]?.department.name[language] ?? department,
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.milestones.milestone')}</th>
                  <th scope="col">{t('report.milestones.planned')}</th>
                  <th scope="col">{t('report.milestones.forecast')}</th>
                  <th scope="col">{t('report.milestones.actual')}</th>
                  <th scope="col">{t('report.milestones.state')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('report.milestones.edit')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((milestone) => (
                  <Fragment key={milestone.code}>
                    <tr data-milestone={milestone.code}>
                      <th scope="row">
                        <span className="code">{milestone.code}</span> {milestone.name[language]}
                      </th>
                      <td>{formatDate(milestone.planned, language)}</td>
                      <td>{formatDate(milestone.forecast, language)}</td>
                      <td>{formatDate(milestone.actual, language)}</td>
                      <td>
                        <MilestoneStateBadge state={milestone.state} />
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={editing === milestone.code}
                          aria-label={t('report.milestones.editLabel', { code: milestone.code })}
                          onClick={() => setEditing(editing === milestone.code ? null : milestone.code)}
                        >
                          {t('report.milestones.edit')}
                        </button>
                      </td>
                    </tr>
                    {editing === milestone.code && (
                      <tr className="report-milestone-edit">
                        <td colSpan={6}>
                          <MilestoneForm year={year} milestone={milestone} onDone={() => setEditing(null)} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
            <Pager
              page={paging.page}
              limit={LIMIT}
              total={list.total}
              label={t('report.milestones.pages')}
              searchFor={paging.searchFor}
            />
          </div>
        )
      }
    </QueryState>
  );
}

function MilestoneForm({
  year,
  milestone,
  onDone,
}: {
  year: number;
  milestone: DepartmentMilestone;
  onDone: () => void;
}) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [actual, setActual] = useState(milestone.actual ?? '');
  const [forecast, setForecast] = useState(milestone.forecast ?? '');
  const [note, setNote] = useState(milestone.note ?? '');
  const [reason, setReason] = useState('');
  const save = useMutation(
    trpc.reports.updateMilestone.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        onDone();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      year,
      code: milestone.code,
      actualDate: actual || null,
      forecastDate: forecast || null,
      note: note.trim() || null,
      reason,
    });
  };
  const id = `report-milestone-${milestone.code}`;
  const fieldErrors = save.error?.data?.zodError?.fieldErrors as
    | Record<string, string[] | undefined>
    | undefined;
  const reasonMissing = Boolean(fieldErrors?.reason?.length);
  return (
    <form className="report-milestone-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('report.milestones.formTitle', { code: milestone.code })}</h4>
      <label className="form-field">
        <span>{t('report.milestones.actual')}</span>
        <input type="date" value={actual} onChange={(event) => setActual(event.target.value)} />
      </label>
      <label className="form-field">
        <span>{t('report.milestones.forecast')}</span>
        <input type="date" value={forecast} onChange={(event) => setForecast(event.target.value)} />
      </label>
      <label className="form-field report-milestone-note">
        <span>{t('report.milestones.note')}</span>
        <input value={note} maxLength={1000} onChange={(event) => setNote(event.target.value)} />
      </label>
      <label className="form-field report-milestone-reason">
        <span>{t('report.milestones.reason')}</span>
        <textarea
          value={reason}
          required
          minLength={3}
          rows={2}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={reasonMissing || undefined}
        />
      </label>
      <div className="report-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t('report.milestones.saving') : t('report.milestones.save')}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          {t('report.milestones.cancel')}
        </button>
      </div>
      {save.isError && (
        <p className="form-error" role="alert">
          {reasonMissing
            ? t('report.milestones.reasonRequired')
            : t('report.milestones.failed', { message: errorText(t, save.error) })}
        </p>
      )}
    </form>
  );
}
