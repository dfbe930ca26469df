import { Spin } from 'antd';
import { type ComponentType, Suspense, lazy } from 'react';
import { Navigate, type RouteObject, createBrowserRouter } from 'react-router';

import { RequireSession } from './auth/RequireSession';
import { OidcCallbackPage } from './auth/OidcCallbackPage';
import { SignInPage } from './auth/SignInPage';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { RouteError } from './layout/RouteError';
import { type Loader, loaders } from './loaders';

/**
 * A page in its own chunk (the first load carries the frame and the page asked for, nothing else). Its loader
 * asks for the chunk and the page's data together as the route is entered, rather than when React first renders
 * the page; React.lazy then finds the same module already on its way.
 */
function page(path: string, code: () => Promise<{ default: ComponentType }>, loader: Loader): RouteObject {
  const Component = lazy(code);
  return {
    path,
    element: (
      <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
        <Component />
      </Suspense>
    ),
    loader: (args) => {
      void code().catch(() => undefined);
      return loader(args);
    },
  };
}

export const router = createBrowserRouter([
  { path: '/signin', element: <SignInPage />, errorElement: <RouteError /> },
  { path: '/signin/callback', element: <OidcCallbackPage />, errorElement: <RouteError /> },
  {
    errorElement: <RouteError />,
    loader: loaders.layout,
    element: (
      <RequireSession>
        <ConsoleLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/inbox" replace /> },
      page('inbox', () => import('./pages/inbox/InboxPage'), loaders.inbox),
      page('cases', () => import('./pages/cases/CasesPage'), loaders.cases),
      page('cases/:kind/:id', () => import('./pages/cases/CasePage'), loaders.case),
      page('backlog', () => import('./pages/backlog/BacklogPage'), loaders.backlog),
      page('targets', () => import('./pages/targets/TargetsPage'), loaders.targets),
      page('reserve', () => import('./pages/reserve/ReservePage'), loaders.reserve),
      page('org', () => import('./pages/org/OrgPage'), loaders.org),
      { path: '*', element: <Navigate to="/inbox" replace /> },
    ],
  },
]);
