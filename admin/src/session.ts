import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role, SessionUser } from '../../src/newsroom/admin-api-contract.ts';

/** The signed-in user, the author they write as (their own byline), and signing out. */
export interface SessionState {
  user: SessionUser;
  authorId: number | null;
  signOut: () => void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}

const RANK: Record<Role, number> = { contributor: 0, writer: 1, editor: 2, admin: 3 };

/** The same role rules as the server's guard; the server decides, this only hides buttons that would be refused. */
export function atLeast(user: SessionUser, role: Role): boolean {
  return RANK[user.role] >= RANK[role];
}
