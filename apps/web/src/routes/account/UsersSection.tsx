import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type ExportColumn,
  ExportCsvButton,
  exportFileName,
  exportTable,
} from '../../components/ExportCsvButton';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { CreateUserForm, EditUserForm, PasswordForm } from './UserForms';
import { useDepartments } from './useDepartments';

export type User = RouterOutputs['users']['list'][number];

/** Administrators only: every account, adding one, changing a role or department, disabling, passwords. */
export function UsersSection({ self }: { self: string }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions());
  const [open, setOpen] = useState<{ username: string; form: 'edit' | 'password' } | null>(null);
  return (
    <section aria-labelledby="account-users" className="account-panel account-users">
      <h2 id="account-users">{t('account.users.title')}</h2>
      <p className="muted">{t('account.users.intro')}</p>
      <QueryState query={users} isEmpty={(list) => list.length === 0}>
        {(list) => {
          const chosen = open && list.find((u) => u.username === open.username);
          return (
            <>
              <UserTable users={list} self={self} onOpen={setOpen} />
              {chosen && open.form === 'edit' && (
                <EditUserForm key={chosen.username} user={chosen} onClose={() => setOpen(null)} />
              )}
              {chosen && open.form === 'password' && (
                <PasswordForm key={chosen.username} user={chosen} onClose={() => setOpen(null)} />
              )}
            </>
          );
        }}
      </QueryState>
      <CreateUserForm />
    </section>
  );
}

function UserTable({
  users,
  self,
  onOpen,
}: {
  users: User[];
  self: string;
  onOpen: (open: { username: string; form: 'edit' | 'password' }) => void;
}) {
  const { t, language } = useLanguage();
  const departments = useDepartments();
  const departmentName = (code: string | null) =>
    code
      ? (departments.find((d) => d.code === code)?.name[language] ?? code)
      : t('account.users.noDepartment');
  // The CSV: the columns shown but the actions; the state in words, with the demo-password warning.
  const exportColumns: ExportColumn<User>[] = [
    { header: t('account.users.username'), value: (u) => u.username },
    { header: t('account.users.name'), value: (u) => u.displayName },
    { header: t('account.users.role'), value: (u) => t(`auth.role.${u.role}`) },
    { header: t('account.users.department'), value: (u) => departmentName(u.department) },
    {
      header: t('account.users.state'),
      value: (u) =>
        [
          u.disabled ? t('account.users.disabled') : t('account.users.active'),
          u.demoPassword ? t('account.users.demoPassword') : null,
        ]
          .filter(Boolean)
          .join(' · '),
    },
  ];
  return (
    <>
      <ExportCsvButton
        name={exportFileName('users', language)}
        {...exportTable(exportColumns, users)}
        what={t('account.users.caption')}
      />
      <div className="table-scroll">
        <table className="data-table account-user-table">
          <caption className="visually-hidden">{t('account.users.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.users.username')}</th>
              <th scope="col">{t('account.users.name')}</th>
              <th scope="col">{t('account.users.role')}</th>
              <th scope="col">{t('account.users.department')}</th>
              <th scope="col">{t('account.users.state')}</th>
              <th scope="col">{t('account.users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr
                key={user.username}
                data-username={user.username}
                data-disabled={user.disabled ? 'true' : 'false'}
              >
                <th scope="row">
                  <span className="code">{user.username}</span>
                </th>
                <td>{user.displayName}</td>
                <td data-role={user.role}>{t(`auth.role.${user.role}`)}</td>
                <td data-department={user.department ?? ''}>{departmentName(user.department)}</td>
                <td className="account-user-state">
                  {user.disabled ? (
                    <span className="account-flag account-flag-off">
                      <span aria-hidden="true">✕ </span>
                      {t('account.users.disabled')}
                    </span>
                  ) : (
                    <span className="account-flag account-flag-on">
                      <span aria-hidden="true">● </span>
                      {t('account.users.active')}
                    </span>
                  )}
                  {user.demoPassword && (
                    <span className="account-flag account-flag-warn" data-demo-password>
                      <span aria-hidden="true">⚠ </span>
                      {t('account.users.demoPassword')}
                    </span>
                  )}
                </td>
                <td className="account-actions">
                  <div className="account-action-list">
                    {user.username !== self && (
                      <button
                        type="button"
                        className="account-button"
                        aria-label={`${t('account.users.edit')}: ${user.username}`}
                        onClick={() => onOpen({ username: user.username, form: 'edit' })}
                      >
                        {t('account.users.edit')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="account-button"
                      aria-label={`${t('account.users.setPassword')}: ${user.username}`}
                      onClick={() => onOpen({ username: user.username, form: 'password' })}
                    >
                      {t('account.users.setPassword')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
