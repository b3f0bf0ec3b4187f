import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { QueryState } from '../../components/QueryState';
import { formatDate, useLanguage } from '../../format/language';
import { errorText } from '../../format/problems';
import { useTRPC } from '../../trpc';
import { MilestoneStateBadge } from '../milestones/MilestoneState';
import type { DepartmentMilestone } from './types';

/**
 * The department's milestones, with their actual or forecast dates recorded through
 * `reports.updateMilestone`. Read as of the plan year's last month, so that every actual date
 * of the year is shown and kept when the form is saved.
 */
export function MilestoneDates({ year, department }: { year: number; department: string }) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const query = useQuery(
    trpc.departments.detail.queryOptions(
      { year, asOf: `${year}-12`, department },
      { placeholderData: (previous) => (previous?.department.code === department ? previous : undefined) },
    ),
  );
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <QueryState query={query}>
      {(detail) =>
        detail.milestones.length === 0 ? (
          <p className="muted report-milestones-none">{t('report.milestones.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table report-milestones">
              <caption>
                {t('report.milestones.caption', { department: detail.department.name[language] })}
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
                {detail.milestones.map((milestone) => (
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
