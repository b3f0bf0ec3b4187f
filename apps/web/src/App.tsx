import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { Layout } from './components/Layout';
import { NotFound } from './components/NotFound';
import { OverviewPage } from './routes/overview/OverviewPage';

// Every screen but the overview loads on demand, so the mayor's first screen stays light.
const SectorPage = lazy(() => import('./routes/sector/SectorPage'));
const SectorBriefing = lazy(() => import('./routes/sector/SectorBriefing'));
const MeetingPage = lazy(() => import('./routes/meeting/MeetingPage'));
const IndicatorPage = lazy(() => import('./routes/indicator/IndicatorPage'));
const IndicatorsPage = lazy(() => import('./routes/indicators/IndicatorsPage'));
const MilestonesPage = lazy(() => import('./routes/milestones/MilestonesPage'));
const DepartmentsPage = lazy(() => import('./routes/departments/DepartmentsPage'));
const DepartmentPage = lazy(() => import('./routes/departments/DepartmentPage'));
const DistrictsPage = lazy(() => import('./routes/districts/DistrictsPage'));
const SignInPage = lazy(() => import('./routes/signin/SignInPage'));
const ReportPage = lazy(() => import('./routes/report/ReportPage'));
const ApprovalsPage = lazy(() => import('./routes/approvals/ApprovalsPage'));
const AccountPage = lazy(() => import('./routes/account/AccountPage'));
const ImportPage = lazy(() => import('./routes/import/ImportPage'));
const PlanPage = lazy(() => import('./routes/plan/PlanPage'));
const InboxPage = lazy(() => import('./routes/inbox/InboxPage'));
const DirectivesPage = lazy(() => import('./routes/directives/DirectivesPage'));

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="state" role="status">
      {t('state.loading')}
    </p>
  );
}

/** `/sectors` (an address one shortens by hand): the overview's sector cards, in the same view. */
function SectorsIndex() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: '/', search }} replace />;
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="signin" element={<SignInPage />} />
        <Route
          path="sectors/:code/briefing"
          element={
            <RequireSession>
              <SectorBriefing />
            </RequireSession>
          }
        />
        <Route
          path="sectors/:code/meeting"
          element={
            <RequireSession>
              <MeetingPage />
            </RequireSession>
          }
        />
        <Route
          element={
            <RequireSession>
              <Layout />
            </RequireSession>
          }
        >
          <Route index element={<OverviewPage />} />
          <Route path="sectors" element={<SectorsIndex />} />
          <Route path="sectors/:code" element={<SectorPage />} />
          <Route path="indicators" element={<IndicatorsPage />} />
          <Route path="indicators/:code" element={<IndicatorPage />} />
          <Route path="milestones" element={<MilestonesPage />} />
          <Route path="departments" element={<DepartmentsPage />} />
          <Route path="departments/:code" element={<DepartmentPage />} />
          <Route path="districts" element={<DistrictsPage />} />
          <Route path="report" element={<ReportPage />} />
          <Route path="approvals" element={<ApprovalsPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="plan" element={<PlanPage />} />
          <Route path="directives" element={<DirectivesPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
