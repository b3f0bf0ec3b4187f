import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { NotFound } from './components/NotFound';
import { OverviewPage } from './routes/overview/OverviewPage';

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<OverviewPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
