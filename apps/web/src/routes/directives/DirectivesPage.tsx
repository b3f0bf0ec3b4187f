import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/useSession';
import { serverExport } from '../../components/ListExport';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { useTRPC } from '../../trpc';
import { useView } from '../../view/useView';
import { useDepartments } from '../account/useDepartments';
import { SectorSelect } from '../milestones/SectorSelect';
import { DirectiveItem } from './DirectiveItem';
import { RecordDirective } from './RecordDirective';
import './directives.css';

const STATES = ['not_done', 'open', 'in_progress', 'proposed', 'done'] as const;
type StateFilter = (typeof STATES)[number];
const LIMIT = 25;

/** The mayor's directives, filtered by sector, department, state and overdue on the server, a page at a time. */
export default function DirectivesPage() {
  const { view } = useView();
  const { t } = useLanguage();
  const session = useSession();
  const role = session.data?.user?.role;
  if (!view) return <p className="state">{t('state.loading')}</p>;
  return (
    <section className="directives" aria-labelledby="directives-title">
      <h1 id="directives-title">{t('directives.title')}</h1>
      <p className="muted">{t('directives.intro')}</p>
      {(role === 'admin' || role === 'approver' || role === 'executive') && (
        <RecordDirective year={view.year} />
      )}
      <DirectiveList year={view.year} />
    </section>
  );
}

function DirectiveList({ year }: { year: number }) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const departments = useDepartments();
  const [params, setParams] = useSearchParams();
  const sector = params.get('sector') ?? '';
  const department = params.get('department') ?? '';
  const stateParam = params.get('state') ?? '';
  const state = (STATES as readonly string[]).includes(stateParam) ? (stateParam as StateFilter) : undefined;
  const overdue = params.get('overdue') === '1';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (key: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      next.delete('page');
      return next;
    });
  const filter = {
    year,
    ...(sector ? { sector } : {}),
    ...(department ? { department } : {}),
    ...(state ? { state } : {}),
    ...(overdue ? { overdue: true } : {}),
  };
  const query = useQuery(trpc.directives.list.queryOptions({ ...filter, page, limit: LIMIT }));
  const exportParams = { ...filter, overdue: overdue ? '1' : undefined, lang: language };
  const searchFor = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(n));
    return `?${next.toString()}`;
  };
  return (
    <>
      <fieldset className="directives-filters">
        <legend>{t('directives.filters')}</legend>
        <SectorSelect
          year={year}
          value={sector}
          onChange={(code) => set('sector', code)}
          label={t('directives.sector')}
          allLabel={t('directives.anySector')}
        />
        <label className="milestones-field">
          <span>{t('directives.department')}</span>
          <select value={department} onChange={(event) => set('department', event.target.value)}>
            <option value="">{t('directives.anyDepartment')}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name[language]}
              </option>
            ))}
          </select>
        </label>
        <label className="milestones-field">
          <span>{t('directives.state')}</span>
          <select value={state ?? ''} onChange={(event) => set('state', event.target.value)}>
            <option value="">{t('directives.anyState')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`directives.states.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="directives-check">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(event) => set('overdue', event.target.checked ? '1' : '')}
          />
          <span>{t('directives.overdueOnly')}</span>
        </label>
      </fieldset>
      <p className="directives-exports">
        <a href={serverExport('directives.csv', exportParams)} download>
          {t('directives.exportCsv')}
        </a>{' '}
        <a href={serverExport('directives.xlsx', exportParams)} download>
          {t('directives.exportXlsx')}
        </a>
      </p>
      <QueryState query={query}>
        {(data) => (
          <>
            {data.total === 0 && <p className="state state-empty">{t('directives.empty')}</p>}
            <p className="muted" role="status">
              {t('directives.count', { count: data.total })}
            </p>
            <ol className="directive-list">
              {data.items.map((directive) => (
                <DirectiveItem key={directive.id} year={year} directive={directive} />
              ))}
            </ol>
            <Pager
              page={data.page}
              limit={data.limit}
              total={data.total}
              label={t('directives.pages')}
              searchFor={searchFor}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
