import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminArticle, ArticleDraftInput, StaleSaveError } from '../../../src/newsroom/admin-api-contract.ts';
import { ApiFailure, describeError, patch } from '../api.ts';

export type SaveState =
  | { kind: 'saved'; at: Date | null }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; details: StaleSaveError['error']['details'] };

const DEBOUNCE_MS = 1200;

/**
 * Autosave: every change marks its field dirty; 1.2 s after the last change the dirty
 * fields go out as one PATCH with the revision this copy is based on. A 409 (someone saved
 * in between) stops autosaving and keeps our changes until the person chooses what to do.
 */
export function useAutosave(initial: AdminArticle, onSaved: (article: AdminArticle) => void) {
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: null });
  const values = useRef<ArticleDraftInput>({});
  const dirty = useRef(new Set<keyof ArticleDraftInput>());
  const revision = useRef(initial.revision);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);
  const saved = useRef(onSaved);
  saved.current = onSaved;

  async function save(): Promise<void> {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) await inFlight.current;
    if (dirty.current.size === 0 || blocked.current) return;
    const fields = [...dirty.current];
    const body: Record<string, unknown> = { baseRevision: revision.current };
    for (const field of fields) body[field] = values.current[field];
    dirty.current.clear();
    setState({ kind: 'saving' });
    inFlight.current = (async () => {
      try {
        const article = await patch<AdminArticle>(`/articles/${initial.id}`, body);
        revision.current = article.revision;
        saved.current(article);
        setState(dirty.current.size ? { kind: 'pending' } : { kind: 'saved', at: new Date() });
      } catch (error) {
        for (const field of fields) if (!dirty.current.has(field)) dirty.current.add(field);
        if (error instanceof ApiFailure && error.status === 409 && error.details) {
          blocked.current = true;
          setState({ kind: 'conflict', details: error.details as StaleSaveError['error']['details'] });
        } else {
          setState({ kind: 'error', message: describeError(error) });
        }
      } finally {
        inFlight.current = null;
      }
    })();
    await inFlight.current;
    if (dirty.current.size && !blocked.current && !timer.current) schedule();
  }

  function schedule() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
  }

  // Leaving the editor saves what is pending; the browser warns when a save could not finish.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current.size || inFlight.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      void save();
    };
  }, []);

  return {
    state,
    change<K extends keyof ArticleDraftInput>(field: K, value: ArticleDraftInput[K]) {
      values.current[field] = value;
      dirty.current.add(field);
      if (!blocked.current) {
        setState({ kind: 'pending' });
        schedule();
      }
    },
    /** Saves now (before a workflow action); resolves true when nothing is left unsaved. */
    async flush(): Promise<boolean> {
      await save();
      return dirty.current.size === 0 && !blocked.current;
    },
    /** Conflict: drop our unsaved changes and continue from the server's copy. */
    takeTheirs(article: AdminArticle) {
      dirty.current.clear();
      values.current = {};
      blocked.current = false;
      revision.current = article.revision;
      setState({ kind: 'saved', at: null });
    },
    /** Conflict: save our changes over theirs, knowingly (based on their revision now). */
    async keepMine(currentRevision: number) {
      blocked.current = false;
      revision.current = currentRevision;
      await save();
    },
    /** After a restore or workflow action returns a new copy. */
    rebase(article: AdminArticle) {
      revision.current = article.revision;
    },
    hasUnsaved: () => dirty.current.size > 0,
  };
}
