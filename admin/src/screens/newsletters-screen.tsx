import { useEffect, useState } from 'preact/hooks';
import { describeError, get, patch, post } from '../api.ts';
import { ScreenTitle } from '../components/screen-title.tsx';
import { formatTime } from '../format.tsx';

interface List {
  id: number;
  slug: string;
  name: string;
  description: string;
  fromName: string;
  fromAddress: string;
  replyTo: string | null;
  kind: 'digest' | 'alerts';
  sendAt: string | null;
  subscribers: { pending: number; confirmed: number; unsubscribed: number };
}
interface Edition {
  id: number;
  kind: string;
  subject: string;
  intro: string;
  status: string;
  scheduledAt: string | null;
  finishedAt: string | null;
  deliveries: Record<string, number>;
}
interface Preview {
  subject: string;
  html: string;
  text: string;
  stories: number;
  bytes: number;
}

/** Newsletters for editors: lists, their editions (compose, preview, test, send or schedule), subscribers in and out as CSV. */
export function NewslettersScreen() {
  const [lists, setLists] = useState<List[]>([]);
  const [mailConfigured, setMailConfigured] = useState(true);
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  const load = () =>
    get<{ mailConfigured: boolean; items: List[] }>('/newsletters').then(
      (r) => {
        setLists(r.items);
        setMailConfigured(r.mailConfigured);
        setSelected((s) => s ?? r.items[0]?.id ?? null);
      },
      (e) => setError(describeError(e)),
    );
  useEffect(() => void load(), []);
  const list = lists.find((l) => l.id === selected);

  return (
    <>
      <ScreenTitle>Newsletters</ScreenTitle>
      {!mailConfigured && (
        <p class="banner warn" role="alert">
          Mail is not configured: this server has no SMTP_URL, so nothing can be sent — no editions, no tests, no confirmation mails. Set SMTP_URL and restart.
        </p>
      )}
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p class="banner ok" role="status">
          {done}
        </p>
      )}
      <table class="data-table">
        <caption class="visually-hidden">Newsletter lists</caption>
        <thead>
          <tr>
            <th scope="col">List</th>
            <th scope="col">Schedule</th>
            <th scope="col">Confirmed</th>
            <th scope="col">Pending</th>
            <th scope="col">Unsubscribed</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lists.map((l) => (
            <tr key={l.id}>
              <td>
                <strong>{l.name}</strong>
                <div class="muted">{l.description}</div>
              </td>
              <td>{l.sendAt ? `Daily at ${l.sendAt}` : 'Sent by hand'}</td>
              <td>{l.subscribers.confirmed}</td>
              <td>{l.subscribers.pending}</td>
              <td>{l.subscribers.unsubscribed}</td>
              <td class="actions">
                <button type="button" class="button small" aria-pressed={selected === l.id} onClick={() => setSelected(l.id)}>
                  Editions
                </button>
                <a class="button ghost small" href={`/admin/api/newsletters/${l.id}/subscribers.csv`} download>
                  Export CSV
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list && <ListSettings key={`s${list.id}`} list={list} onSaved={(m) => { setDone(m); void load(); }} onError={setError} />}
      {list && <Editions key={list.id} list={list} mailConfigured={mailConfigured} onDone={(m) => { setDone(m); void load(); }} onError={setError} />}
    </>
  );
}

function ListSettings(props: { list: List; onSaved: (message: string) => void; onError: (message: string) => void }) {
  const [sendAt, setSendAt] = useState(props.list.sendAt ?? '');
  const [csv, setCsv] = useState('');
  return (
    <section class="panel" aria-labelledby="list-settings-title">
      <h2 id="list-settings-title">{props.list.name}: schedule and import</h2>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          patch(`/newsletters/${props.list.id}`, { sendAt: sendAt || null }).then(() => props.onSaved('Schedule saved.'), (x) => props.onError(describeError(x)));
        }}
      >
        <div class="field">
          <label for="list-send-at">Daily digest at (site time, empty: by hand)</label>
          <input id="list-send-at" type="time" value={sendAt} onInput={(e) => setSendAt(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button">
          Save schedule
        </button>
      </form>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          post<{ added: number; updated: number; skippedUnsubscribed: string[] }>(`/newsletters/${props.list.id}/subscribers/import`, { csv }).then(
            (r) => props.onSaved(`Imported: ${r.added} added, ${r.updated} confirmed, ${r.skippedUnsubscribed.length} skipped because they had unsubscribed.`),
            (x) => props.onError(describeError(x)),
          );
        }}
      >
        <div class="field">
          <label for="list-import">Import subscribers (CSV with email and consented_at)</label>
          <textarea id="list-import" rows={3} value={csv} onInput={(e) => setCsv(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button ghost" disabled={!csv.trim()}>
          Import
        </button>
      </form>
    </section>
  );
}

function Editions(props: { list: List; mailConfigured: boolean; onDone: (message: string) => void; onError: (message: string) => void }) {
  const [editions, setEditions] = useState<Edition[]>([]);
  const [subject, setSubject] = useState('');
  const [intro, setIntro] = useState('');
  const [storyIds, setStoryIds] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [testTo, setTestTo] = useState('');
  const [at, setAt] = useState('');
  const load = () => get<{ items: Edition[] }>(`/newsletters/${props.list.id}/editions`).then((r) => setEditions(r.items), (e) => props.onError(describeError(e)));
  useEffect(() => void load(), [props.list.id]);
  const fail = (e: unknown) => props.onError(describeError(e));

  async function create(kind: 'digest' | 'composed') {
    const articleIds = storyIds.split(/[\s,]+/).filter(Boolean).map(Number);
    await post<Edition>(`/newsletters/${props.list.id}/editions`, { kind, ...(subject && { subject }), intro, ...(kind === 'composed' && { articleIds }) }).then(() => load(), fail);
  }

  return (
    <section class="panel" aria-labelledby="editions-title">
      <h2 id="editions-title">{props.list.name}: editions</h2>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void create(storyIds.trim() ? 'composed' : 'digest');
        }}
      >
        <div class="field">
          <label for="edition-subject">Subject (empty: the list’s name and date)</label>
          <input id="edition-subject" value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="edition-intro">Intro</label>
          <textarea id="edition-intro" rows={3} value={intro} onInput={(e) => setIntro(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="edition-stories">Story ids, in order (empty: the automatic digest of the fronts)</label>
          <input id="edition-stories" value={storyIds} onInput={(e) => setStoryIds(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button">
          New edition
        </button>
      </form>
      <table class="data-table">
        <caption class="visually-hidden">Editions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Subject</th>
            <th scope="col">Status</th>
            <th scope="col">Sent</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {editions.map((e) => (
            <tr key={e.id}>
              <td>{e.subject}</td>
              <td>
                {e.status}
                {e.scheduledAt && e.status === 'scheduled' ? ` for ${formatTime(e.scheduledAt)}` : ''}
              </td>
              <td>
                {e.deliveries.sent ?? 0}
                {e.deliveries.failed ? `, ${e.deliveries.failed} failed` : ''}
                {e.deliveries.uncertain ? `, ${e.deliveries.uncertain} uncertain` : ''}
              </td>
              <td class="actions">
                <button type="button" class="button ghost small" onClick={() => get<Preview>(`/editions/${e.id}/preview`).then(setPreview, fail)}>
                  Preview
                </button>
                {(e.status === 'draft' || e.status === 'scheduled') && (
                  <>
                    <button type="button" class="button small" disabled={!props.mailConfigured} onClick={() => post(`/editions/${e.id}/send`, at ? { at: new Date(at).toISOString() } : {}).then(() => { props.onDone(at ? 'Edition scheduled.' : 'Edition is being sent.'); void load(); }, fail)}>
                      {at ? 'Schedule' : 'Send now'}
                    </button>
                    <button type="button" class="button ghost small" disabled={!props.mailConfigured || !testTo} onClick={() => post(`/editions/${e.id}/test`, { to: testTo }).then(() => props.onDone(`Test sent to ${testTo}.`), fail)}>
                      Send test
                    </button>
                    <button type="button" class="button ghost small" onClick={() => post(`/editions/${e.id}/cancel`).then(() => load(), fail)}>
                      Cancel
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <div class="field">
          <label for="edition-test-to">Test address</label>
          <input id="edition-test-to" type="email" value={testTo} onInput={(e) => setTestTo(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="edition-at">Send at (empty: now)</label>
          <input id="edition-at" type="datetime-local" value={at} onInput={(e) => setAt(e.currentTarget.value)} />
        </div>
      </div>
      {preview && (
        <div class="stack">
          <h3>
            Preview: {preview.subject} ({preview.stories} stories, {Math.round(preview.bytes / 1024)} KB)
          </h3>
          <iframe title={`Preview of ${preview.subject}`} sandbox="" srcdoc={preview.html} style={{ width: '100%', height: '600px', border: '1px solid #ccc' }} />
        </div>
      )}
    </section>
  );
}
