import { useEffect, useRef, useState } from 'preact/hooks';
import type { EditLock, SessionUser } from '../../../src/newsroom/admin-api-contract.ts';
import { ApiFailure, api, post } from '../api.ts';

export type LockState =
  | { kind: 'checking' }
  | { kind: 'mine' }
  | { kind: 'theirs'; holder: { id: number; name: string }; since: string | null }
  /** The server has no lock for us (e.g. a network failure); editing goes on, saves still guard with baseRevision. */
  | { kind: 'unavailable'; message: string };

const REFRESH_MS = 30_000;

function holderOf(error: ApiFailure): { holder: { id: number; name: string }; since: string | null } {
  const details = (error.details ?? {}) as Partial<EditLock> & { lock?: EditLock };
  const lock = details.holder ? details : details.lock;
  return { holder: lock?.holder ?? { id: 0, name: 'Someone else' }, since: lock?.since ?? null };
}

/** Takes the story's edit lock, refreshes it every 30 s, and releases it when the editor closes. */
export function useEditLock(articleId: number, user: SessionUser): { lock: LockState; takeOver: () => Promise<void> } {
  const [lock, setLock] = useState<LockState>({ kind: 'checking' });
  const mine = useRef(false);

  async function acquire(path: string) {
    try {
      await post<EditLock>(path);
      mine.current = true;
      setLock({ kind: 'mine' });
    } catch (error) {
      mine.current = false;
      if (error instanceof ApiFailure && (error.status === 423 || error.code === 'LOCKED')) {
        const { holder, since } = holderOf(error);
        if (holder.id === user.id) setLock({ kind: 'mine' });
        else setLock({ kind: 'theirs', holder, since });
      } else {
        setLock({ kind: 'unavailable', message: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  useEffect(() => {
    void acquire(`/articles/${articleId}/lock`);
    // Refresh while we hold it; while someone else holds it, look again so the banner clears when they leave.
    const timer = setInterval(() => void acquire(`/articles/${articleId}/lock`), REFRESH_MS);
    const release = () => {
      // keepalive: the release still goes out when the tab is closing.
      if (mine.current) void api('DELETE', `/articles/${articleId}/lock`, undefined, { keepalive: true }).catch(() => {});
      mine.current = false;
    };
    window.addEventListener('pagehide', release);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', release);
      release();
    };
  }, [articleId]);

  return { lock, takeOver: () => acquire(`/articles/${articleId}/lock/take-over`) };
}
