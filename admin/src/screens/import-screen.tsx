import { useEffect, useState } from 'preact/hooks';
import type { AdminSection } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, get, post } from '../api.ts';
import { ScreenTitle } from '../components/screen-title.tsx';
import { formatTime } from '../format.tsx';
import { invalidateReference, loadReference } from '../reference.ts';

interface Progress {
  jobId: number;
  state: string;
  done: number;
  total: number;
  error: string | null;
  summary: {
    source: string;
    created: Record<string, number>;
    unchanged: Record<string, number>;
    redirects: number;
    commentsLeft: number;
    notImported: Array<{ where: string; why: string }>;
    notes: Array<{ where: string; why: string }>;
  } | null;
}

interface PastImport {
  jobId: number;
  state: string;
  kind: string;
  name: string;
  startedAt: number;
  finishedAt: number | null;
  created: Record<string, number> | null;
  notImported: number | null;
  error: string | null;
}

const STATES: Record<string, string> = { waiting: 'Waiting', running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' };
const KINDS: Record<string, string> = { wordpress: 'WordPress', ghost: 'Ghost', url: 'Article' };

const SINGULAR: Record<string, string> = { stories: 'story', pages: 'page', authors: 'author', sections: 'section', tags: 'tag', pictures: 'picture' };

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${n === 1 ? (SINGULAR[kind] ?? kind) : kind}`)
    .join(', ') || 'nothing';

/** Admins bring in an archive (a WordPress or Ghost export) or one article by URL; a background job does the work. */
export function ImportScreen() {
  const [file, setFile] = useState<File | null>(null);
  const [asDrafts, setAsDrafts] = useState(false);
  const [uncategorized, setUncategorized] = useState('');
  const [ghostUrl, setGhostUrl] = useState('');
  const [past, setPast] = useState<PastImport[]>([]);
  const [sections, setSections] = useState<AdminSection[]>([]);
  const kind = file ? (/\.json$/i.test(file.name) ? 'ghost' : 'wordpress') : null;
  const [url, setUrl] = useState('');
  const [publish, setPublish] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState('');

  // The list of past imports, read again whenever one finishes.
  const finished = progress?.state === 'done' || progress?.state === 'failed';
  useEffect(() => {
    if (jobId !== null && !finished) return;
    // An import may have made sections; the pickers of every screen read them again.
    if (finished) invalidateReference();
    void loadReference().then((reference) => setSections(reference.sections));
    void get<PastImport[]>('/imports')
      .then(setPast)
      .catch((failure) => setError(describeError(failure)));
  }, [jobId, finished]);

  useEffect(() => {
    if (jobId === null) return;
    let stopped = false;
    const poll = async () => {
      try {
        const answer = await get<Progress>(`/imports/${jobId}`);
        if (stopped) return;
        setProgress(answer);
        if (answer.state !== 'done' && answer.state !== 'failed' && answer.state !== 'cancelled') setTimeout(() => void poll(), 1000);
      } catch (failure) {
        setError(describeError(failure));
      }
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [jobId]);

  async function start(body: FormData | { url: string; publish: boolean }, path: string) {
    setError('');
    setProgress(null);
    try {
      setJobId((await post<{ jobId: number }>(path, body)).jobId);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  const running = jobId !== null && progress?.state !== 'done' && progress?.state !== 'failed';
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <>
      <ScreenTitle>Import</ScreenTitle>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) return;
          const form = new FormData();
          if (kind === 'wordpress') {
            if (asDrafts) form.append('statuses', 'drafts');
            if (uncategorized) form.append('uncategorizedSection', uncategorized);
          }
          if (kind === 'ghost' && ghostUrl.trim()) form.append('ghostUrl', ghostUrl.trim());
          form.append('file', file);
          void start(form, '/imports');
        }}
      >
        <h2>An archive</h2>
        <div class="field">
          <label for="import-file">WordPress export (.xml) or Ghost export (.json)</label>
          <input id="import-file" type="file" accept=".xml,.json" onChange={(event) => setFile((event.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
        </div>
        {kind === 'wordpress' && (
          <>
            <label>
              <input type="checkbox" checked={asDrafts} onChange={(event) => setAsDrafts((event.currentTarget as HTMLInputElement).checked)} /> Bring every post in as a draft, for the desk to
              review before anything is published
            </label>
            <div class="field">
              <label for="import-uncategorized">Section for posts without a category</label>
              <select id="import-uncategorized" value={uncategorized} onChange={(event) => setUncategorized((event.currentTarget as HTMLSelectElement).value)}>
                <option value="">A new “Uncategorized” section, kept out of the menu</option>
                {sections.map((section) => (
                  <option key={section.id} value={section.slug}>
                    {section.name}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        {kind === 'ghost' && (
          <div class="field">
            <label for="import-ghost-url">The Ghost site’s address</label>
            <input
              id="import-ghost-url"
              type="url"
              placeholder="https://blog.example.com"
              value={ghostUrl}
              onInput={(event) => setGhostUrl((event.currentTarget as HTMLInputElement).value)}
              aria-describedby="import-ghost-url-help"
            />
            <p id="import-ghost-url-help" class="muted">
              Links and pictures in the export point at it; pictures are fetched from there.
            </p>
          </div>
        )}
        <p class="muted">
          Pictures are fetched from the old site while the import runs. If it is offline, run <code>dateline import wordpress FILE --uploads DIR</code> (or{' '}
          <code>dateline import ghost FILE --images DIR</code>) on the server with a copy of the uploads folder.
        </p>
        <button type="submit" class="button" disabled={!file || running}>
          Import the archive
        </button>
      </form>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void start({ url, publish }, '/imports/url');
        }}
      >
        <h2>One article</h2>
        <div class="field">
          <label for="import-url">Article address</label>
          <input id="import-url" type="url" required value={url} onInput={(event) => setUrl((event.currentTarget as HTMLInputElement).value)} />
        </div>
        <label>
          <input type="checkbox" checked={publish} onChange={(event) => setPublish((event.currentTarget as HTMLInputElement).checked)} /> Publish at once (otherwise a draft)
        </label>
        <button type="submit" class="button" disabled={!url || running}>
          Import the article
        </button>
      </form>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {progress && (
        <section aria-labelledby="import-progress-heading">
          <h2 id="import-progress-heading">Import {progress.jobId}</h2>
          {progress.state !== 'done' && (
            <>
              <progress max={100} value={percent} aria-label="Import progress">
                {percent}%
              </progress>
              <p role="status">
                {progress.state === 'waiting' ? 'Waiting to start…' : `${progress.done} of ${progress.total || '?'} items`}
              </p>
            </>
          )}
          {progress.error && (
            <p class="banner error" role="alert">
              {progress.error}
            </p>
          )}
          {progress.summary && (
            <div role="status">
              <p>
                Imported from {progress.summary.source}: {counts(progress.summary.created)}.
              </p>
              <p>Already imported earlier: {counts(progress.summary.unchanged)}.</p>
              <p>Old addresses that now redirect: {progress.summary.redirects}.</p>
              {progress.summary.commentsLeft > 0 && <p>Comments left behind: {progress.summary.commentsLeft}.</p>}
              {progress.summary.notImported.length > 0 && (
                <>
                  <h3>Not imported ({progress.summary.notImported.length})</h3>
                  <ul>
                    {progress.summary.notImported.slice(0, 100).map((p) => (
                      <li key={p.where + p.why}>
                        {p.where}: {p.why}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {progress.summary.notes.length > 0 && (
                <>
                  <h3>Changed on the way in ({progress.summary.notes.length})</h3>
                  <ul>
                    {progress.summary.notes.slice(0, 100).map((p) => (
                      <li key={p.where + p.why}>
                        {p.where}: {p.why}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
        </section>
      )}
      <section aria-labelledby="past-imports-heading">
        <h2 id="past-imports-heading">Past imports</h2>
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">What</th>
              <th scope="col">State</th>
              <th scope="col">Brought in</th>
            </tr>
          </thead>
          <tbody>
            {past.length === 0 && (
              <tr>
                <td colSpan={4} class="muted">
                  Nothing imported yet.
                </td>
              </tr>
            )}
            {past.map((p) => (
              <tr key={p.jobId}>
                <td>{formatTime(new Date(p.startedAt).toISOString())}</td>
                <td>
                  {KINDS[p.kind] ?? p.kind}: <span class="import-name">{p.name}</span>
                </td>
                <td>{STATES[p.state] ?? p.state}</td>
                <td>
                  {p.error
                    ? p.error
                    : p.created
                      ? `${counts(p.created)}${p.notImported ? `; ${p.notImported} not imported` : ''}`
                      : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
