import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { csrfHeaders } from './auth/csrf';
import { fetchNotingVersion, seenVersionHeaders } from './data-version';
import './i18n';
import './styles.css';
import { type AppRouter, TRPCProvider } from './trpc';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      // Not found, refused and bad requests will not change by asking again.
      retry: (count, error) => {
        const code = (error as { data?: { code?: string } }).data?.code;
        return count < 1 && !['NOT_FOUND', 'UNAUTHORIZED', 'FORBIDDEN', 'BAD_REQUEST'].includes(code ?? '');
      },
    },
  },
});
const trpcClient = createTRPCClient<AppRouter>({
  // Batched reads travel in the address; the server refuses addresses over 8 KB (414), so a batch
  // is split before it gets near that.
  links: [
    httpBatchLink({
      url: '/trpc',
      headers: () => ({ ...csrfHeaders(), ...seenVersionHeaders() }),
      fetch: fetchNotingVersion,
      maxURLLength: 4000,
    }),
  ],
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
