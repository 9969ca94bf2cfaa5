import { useEffect, useState } from 'preact/hooks';
import { describeError, get, post } from '../api.ts';
import { ScreenTitle } from '../components/screen-title.tsx';

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

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ') || 'nothing';

/** Admins bring in an archive (a WordPress or Ghost export) or one article by URL; a background job does the work. */
export function ImportScreen() {
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const [publish, setPublish] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState('');

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
          form.append('file', file);
          void start(form, '/imports');
        }}
      >
        <h2>An archive</h2>
        <div class="field">
          <label for="import-file">WordPress export (.xml) or Ghost export (.json)</label>
          <input id="import-file" type="file" accept=".xml,.json" onChange={(event) => setFile((event.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
        </div>
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
    </>
  );
}
