import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLanguage } from '../../format/language';
import { useTRPC } from '../../trpc';
import { refusalText } from './serverError';
import type { User } from './UsersSection';
import { useDepartments } from './useDepartments';

type Role = User['role'];
const ROLES: Role[] = ['admin', 'executive', 'approver', 'bureau_head', 'analyst'];

function RoleAndDepartment({
  idPrefix,
  role,
  department,
  onRole,
  onDepartment,
}: {
  idPrefix: string;
  role: Role;
  department: string;
  onRole: (role: Role) => void;
  onDepartment: (department: string) => void;
}) {
  const { t, language } = useLanguage();
  const departments = useDepartments();
  return (
    <>
      <div className="form-field">
        <label htmlFor={`${idPrefix}-role`}>{t('account.users.role')}</label>
        <select id={`${idPrefix}-role`} value={role} onChange={(e) => onRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`auth.role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {role === 'bureau_head' && (
        <div className="form-field">
          <label htmlFor={`${idPrefix}-department`}>{t('account.users.department')}</label>
          <select
            id={`${idPrefix}-department`}
            value={department}
            aria-describedby={`${idPrefix}-department-hint`}
            onChange={(e) => onDepartment(e.target.value)}
          >
            <option value="">{t('account.users.chooseDepartment')}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name[language]} ({d.code})
              </option>
            ))}
          </select>
          <span id={`${idPrefix}-department-hint`} className="muted account-hint">
            {t('account.users.departmentHint')}
          </span>
        </div>
      )}
    </>
  );
}

/** A panel that takes the focus when it opens, so keyboard users land in it. */
function useFocusOnOpen() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return heading;
}

export function EditUserForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const heading = useFocusOnOpen();
  const [role, setRole] = useState<Role>(user.role);
  const [department, setDepartment] = useState(user.department ?? '');
  const [disabled, setDisabled] = useState(user.disabled);
  const update = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
        onClose();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      username: user.username,
      role,
      department: role === 'bureau_head' ? department || null : null,
      disabled,
    });
  };
  return (
    <form className="account-form account-subform account-edit-user" onSubmit={submit}>
      <h3 ref={heading} tabIndex={-1}>
        {t('account.users.editTitle', { username: user.username })}
      </h3>
      <RoleAndDepartment
        idPrefix="account-edit"
        role={role}
        department={department}
        onRole={setRole}
        onDepartment={setDepartment}
      />
      <label className="account-check">
        <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
        {t('account.users.disable')}
      </label>
      <div className="account-form-actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? t('account.users.saving') : t('account.users.save')}
        </button>
        <button type="button" className="account-button" onClick={onClose}>
          {t('account.users.cancel')}
        </button>
      </div>
      {update.isError && (
        <p className="form-error" role="alert">
          {refusalText(update.error, t)}
        </p>
      )}
    </form>
  );
}

export function PasswordForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const heading = useFocusOnOpen();
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState(false);
  const change = useMutation(
    trpc.users.setPassword.mutationOptions({
      onSuccess: async () => {
        setPassword('');
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    change.mutate({ username: user.username, password });
  };
  return (
    <form className="account-form account-subform account-set-password" onSubmit={submit}>
      <h3 ref={heading} tabIndex={-1}>
        {t('account.users.passwordTitle', { username: user.username })}
      </h3>
      <div className="form-field">
        <label htmlFor="account-set-password">{t('account.users.newPassword')}</label>
        <input
          id="account-set-password"
          type="password"
          autoComplete="new-password"
          value={password}
          required
          aria-describedby="account-set-password-hint"
          onChange={(e) => setPassword(e.target.value)}
        />
        <span id="account-set-password-hint" className="muted account-hint">
          {t('account.users.passwordHint')}
        </span>
      </div>
      <div className="account-form-actions">
        <button type="submit" className="primary" disabled={change.isPending}>
          {change.isPending ? t('account.users.saving') : t('account.users.save')}
        </button>
        <button type="button" className="account-button" onClick={onClose}>
          {t('account.users.cancel')}
        </button>
      </div>
      {saved && (
        <p className="account-success" role="status">
          {t('account.users.passwordSaved', { username: user.username })}
        </p>
      )}
      {change.isError && (
        <p className="form-error" role="alert">
          {refusalText(change.error, t)}
        </p>
      )}
    </form>
  );
}

const EMPTY = { username: '', displayName: '', role: 'analyst' as Role, department: '', password: '' };

export function CreateUserForm() {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async (result) => {
        setCreated(result.username);
        setForm(EMPTY);
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate({
      username: form.username,
      displayName: form.displayName,
      role: form.role,
      department: form.role === 'bureau_head' ? form.department || null : null,
      password: form.password,
    });
  };
  const set = (key: keyof typeof EMPTY) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <form
      className="account-form account-create-user"
      onSubmit={submit}
      aria-labelledby="account-create-user"
    >
      <h3 id="account-create-user">{t('account.users.createTitle')}</h3>
      <div className="account-form-grid">
        <div className="form-field">
          <label htmlFor="account-new-username">{t('account.users.username')}</label>
          <input
            id="account-new-username"
            autoComplete="off"
            value={form.username}
            required
            onChange={(e) => set('username')(e.target.value)}
          />
        </div>
        <div className="form-field">
          <label htmlFor="account-new-name">{t('account.users.displayName')}</label>
          <input
            id="account-new-name"
            value={form.displayName}
            required
            onChange={(e) => set('displayName')(e.target.value)}
          />
        </div>
        <RoleAndDepartment
          idPrefix="account-new"
          role={form.role}
          department={form.department}
          onRole={(role) => setForm((f) => ({ ...f, role }))}
          onDepartment={set('department')}
        />
        <div className="form-field">
          <label htmlFor="account-new-password">{t('account.users.password')}</label>
          <input
            id="account-new-password"
            type="password"
            autoComplete="new-password"
            value={form.password}
            required
            aria-describedby="account-new-password-hint"
            onChange={(e) => set('password')(e.target.value)}
          />
          <span id="account-new-password-hint" className="muted account-hint">
            {t('account.users.passwordRule')}
          </span>
        </div>
      </div>
      <div className="account-form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t('account.users.creating') : t('account.users.create')}
        </button>
      </div>
      {created && (
        <p className="account-success" role="status">
          {t('account.users.created', { username: created })}
        </p>
      )}
      {create.isError && (
        <p className="form-error" role="alert">
          {refusalText(create.error, t)}
        </p>
      )}
    </form>
  );
}
