import { createContext, useContext, type ReactNode } from 'react';
import type { ServerAccess } from './server-read';

const AccessContext = createContext<ServerAccess | null>(null);

export function AccessProvider({ access, children }: { access: ServerAccess; children: ReactNode }) {
  return <AccessContext.Provider value={access}>{children}</AccessContext.Provider>;
}

export function useAccess(): ServerAccess {
  const access = useContext(AccessContext);
  if (!access) throw new Error('The team-lead views need <LeadWorkspace access={…}>');
  return access;
}
