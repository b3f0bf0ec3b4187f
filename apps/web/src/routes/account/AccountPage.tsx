import { type SessionUser, useSession } from '../../auth/useSession';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { MailSection } from './MailSection';
import { TokensSection } from './TokensSection';
import { UsersSection } from './UsersSection';
import { useDepartments } from './useDepartments';
import './account.css';

/** Your account: who you are, your email, your API tokens, and for administrators the users. */
export default function AccountPage() {
  const { t } = useLanguage();
  const session = useSession();
  return (
    <div className="account">
      <header className="account-header">
        <h1>{t('account.title')}</h1>
        <p className="muted">{t('account.intro')}</p>
      </header>
      <QueryState query={session} isEmpty={(data) => data.user === null}>
        {(data) =>
          data.user && (
            <>
              <Profile user={data.user} />
              <MailSection />
              <TokensSection isAdmin={data.user.role === 'admin'} />
              {data.user.role === 'admin' && <UsersSection self={data.user.username} />}
            </>
          )
        }
      </QueryState>
    </div>
  );
}

function Profile({ user }: { user: SessionUser }) {
  const { t, language } = useLanguage();
  const departments = useDepartments();
  const department = departments.find((d) => d.code === user.departmentCode);
  return (
    <section aria-labelledby="account-profile" className="account-panel">
      <h2 id="account-profile">{t('account.profile.title')}</h2>
      <dl className="account-profile">
        <div>
          <dt>{t('account.profile.name')}</dt>
          <dd data-field="name">{user.displayName}</dd>
        </div>
        <div>
          <dt>{t('account.profile.username')}</dt>
          <dd data-field="username">
            <span className="code">{user.username}</span>
          </dd>
        </div>
        <div>
          <dt>{t('account.profile.role')}</dt>
          <dd data-field="role">{t(`auth.role.${user.role}`)}</dd>
        </div>
        <div>
          <dt>{t('account.profile.department')}</dt>
          <dd data-field="department">
            {user.departmentCode
              ? (department?.name[language] ?? user.departmentCode)
              : t('account.profile.noDepartment')}
          </dd>
        </div>
      </dl>
    </section>
  );
}
