import { createContext, useContext } from 'react';
import type { AuthStatus } from '../../src-main/contract';

type Permission = AuthStatus['permissions'][number];

/**
 * Who is signed in, and the shell's session actions, for the header's user menu and for screens
 * that offer only what the user may do (the API refuses the rest anyway).
 */
export interface SessionValue {
  status: AuthStatus;
  lock: () => void;
  /** Locks and opens the lock screen on the user list, for the next person at the PC. */
  switchUser: () => void;
  signOut: () => void;
  can: (permission: Permission) => boolean;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() is used outside the app shell');
  return value;
}
