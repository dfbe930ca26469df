import { Spin } from 'antd';
import { type ComponentType, type LazyExoticComponent, Suspense, lazy } from 'react';
import { Navigate, createBrowserRouter } from 'react-router';

import { RequireSession } from './auth/RequireSession';
import { OidcCallbackPage } from './auth/OidcCallbackPage';
import { SignInPage } from './auth/SignInPage';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { RouteError } from './layout/RouteError';
import { session } from './auth/session';
import { filtersOf } from './pages/backlog/filters';
import { backlogQuery, backlogSummaryQuery } from './pages/backlog/queries';
import { scopeUnitsQuery } from './pages/backlog/useOrgUnits';
import { queryClient } from './queryClient';

// Each page is its own chunk: the first load carries the frame and the page asked for, nothing else.
function page(Component: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
      <Component />
    </Suspense>
  );
}

const InboxPage = lazy(() => import('./pages/inbox/InboxPage'));
const CasesPage = lazy(() => import('./pages/cases/CasesPage'));
const CasePage = lazy(() => import('./pages/cases/CasePage'));
const BacklogPage = lazy(() => import('./pages/backlog/BacklogPage'));
const TargetsPage = lazy(() => import('./pages/targets/TargetsPage'));
const ReservePage = lazy(() => import('./pages/reserve/ReservePage'));
const OrgPage = lazy(() => import('./pages/org/OrgPage'));

export const router = createBrowserRouter([
  { path: '/signin', element: <SignInPage />, errorElement: <RouteError /> },
  { path: '/signin/callback', element: <OidcCallbackPage />, errorElement: <RouteError /> },
  {
    errorElement: <RouteError />,
    element: (
      <RequireSession>
        <ConsoleLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/inbox" replace /> },
      { path: 'inbox', element: page(InboxPage) },
      { path: 'cases', element: page(CasesPage) },
      { path: 'cases/:kind/:id', element: page(CasePage) },
      {
        path: 'backlog',
        element: page(BacklogPage),
        // The page's data is asked for now, alongside its code: the loader does not wait for it.
        loader: ({ request }) => {
          if (session.current()) {
            const filters = filtersOf(new URL(request.url).searchParams);
            void queryClient.prefetchInfiniteQuery(backlogQuery(filters));
            void queryClient.prefetchQuery(backlogSummaryQuery(filters));
            void queryClient.prefetchQuery(scopeUnitsQuery);
          }
          return null;
        },
      },
      { path: 'targets', element: page(TargetsPage) },
      { path: 'reserve', element: page(ReservePage) },
      { path: 'org', element: page(OrgPage) },
      { path: '*', element: <Navigate to="/inbox" replace /> },
    ],
  },
]);
