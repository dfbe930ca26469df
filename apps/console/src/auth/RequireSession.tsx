import { type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { useSession } from './session';

/** Pages behind sign-in: without a session, the sign-in page, which comes back here afterwards. */
export function RequireSession({ children }: { readonly children: ReactNode }) {
  const current = useSession();
  const location = useLocation();
  if (!current) {
    const back = `${location.pathname}${location.search}`;
    return <Navigate to={`/signin?next=${encodeURIComponent(back)}`} replace />;
  }
  return children;
}
