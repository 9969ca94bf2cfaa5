import { useEffect, useState } from 'preact/hooks';
import { api, del, describeError, get } from '../api.ts';
import { ScreenTitle } from '../components/screen-title.tsx';
import './wire-desk.css';

interface SourceRules {
  agency: string;
  publish: 'hold' | 'auto';
  defaultSection: string;
  urgencyHoldAbove: number | null;
  tagsFromSubjects: boolean;
  subjectRules: number;
  sluglineRules: number;
}

interface WireSource {
  key: string;
  kind: 'default' | 'inbox' | 'push' | 'poll';
  name: string;
  url: string | null;
  from: 'newsroom' | 'own' | 'file' | 'default' | 'built-in';
  rules: SourceRules;
  updatedBy: string | null;
}

interface SourceList {
  sources: WireSource[];
  sections: Array<{ slug: string; name: string }>;
}

const FROM: Record<WireSource['from'], string> = {
  newsroom: 'Set here in the newsroom.',
  own: 'Its own rules, set for this source.',
  file: 'From the server’s rules file (WIRE_RULES); saving here sets them in the newsroom instead.',
  default: 'Follows the rules for all sources.',
  'built-in': 'Dateline’s defaults: copy waits for the desk.',
};

const KIND: Record<WireSource['kind'], string> = { default: 'Every source without rules of its own', inbox: 'Files dropped in the inbox folder', push: 'Pushes its copy to Dateline', poll: 'A feed Dateline polls' };

/** Admins: each wire source's rules — whether its copy waits for the desk or goes out at once, where it goes, whose name it carries. */
export function WireSourcesScreen() {
  const [list, setList] = useState<SourceList | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  async function load() {
    try {
      setList(await get<SourceList>('/wire-sources'));
    } catch (failure) {
      setError(describeError(failure));
    }
  }
  useEffect(() => void load(), []);

  async function save(source: WireSource, form: HTMLFormElement) {
    const data = new FormData(form);
    const urgency = String(data.get('urgencyHoldAbove') ?? '');
    setError('');
    try {
      await api('PUT', `/wire-sources/${source.key}/rules`, {
        agency: String(data.get('agency') ?? '').trim(),
        publish: data.get('publish') === 'auto' ? 'auto' : 'hold',
        defaultSection: String(data.get('defaultSection') ?? ''),
        urgencyHoldAbove: urgency === '' ? null : Number(urgency),
        tagsFromSubjects: data.get('tagsFromSubjects') === 'on',
      });
      setNotice(`Saved the rules for ${source.name}. Its next item follows them.`);
      await load();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  async function reset(source: WireSource) {
    setError('');
    try {
      await del(`/wire-sources/${source.key}/rules`);
      setNotice(`${source.name} follows the rules for all sources again.`);
      await load();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <>
      <ScreenTitle>Wire sources</ScreenTitle>
      <p class="lede">How each agency’s copy comes in. “Hold for the desk” keeps it in the wire queue until an editor publishes it; “Publish at once” puts it on the site with no one looking.</p>
      <div aria-live="polite">{notice && <p class="banner ok">{notice}</p>}</div>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {list === null && !error && <p aria-busy="true">Loading the sources…</p>}
      {list && (
        <ul class="wire-sources">
          {list.sources.map((source) => (
            <li key={source.key} class="wire-source">
              <section aria-labelledby={`source-${source.key}`}>
                <div class="wire-source-head">
                  <h2 id={`source-${source.key}`}>{source.name}</h2>
                  <span class={`status ${source.rules.publish === 'auto' ? 'status-published' : 'status-submitted'}`}>
                    {source.rules.publish === 'auto' ? 'Publishes at once' : 'Holds for the desk'}
                  </span>
                </div>
                <p class="wire-source-from">
                  {KIND[source.kind]}
                  {source.url && ` (${source.url})`}. {FROM[source.from]}
                  {source.updatedBy && ` Last set by ${source.updatedBy}.`}
                  {source.rules.subjectRules + source.rules.sluglineRules > 0 &&
                    ` ${source.rules.subjectRules + source.rules.sluglineRules} placement rule(s) from the rules file are kept.`}
                </p>
                <form
                  class="wire-source-form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void save(source, event.currentTarget);
                  }}
                >
                  <fieldset class="field">
                    <legend>Publishing</legend>
                    <label class="checkbox-field">
                      <input type="radio" name="publish" value="hold" checked={source.rules.publish === 'hold'} /> Hold for the desk
                    </label>
                    <label class="checkbox-field">
                      <input type="radio" name="publish" value="auto" checked={source.rules.publish === 'auto'} /> Publish at once
                    </label>
                  </fieldset>
                  <div class="field">
                    <label for={`agency-${source.key}`}>Agency name</label>
                    <input id={`agency-${source.key}`} name="agency" required maxLength={120} value={source.rules.agency} />
                    <span class="hint">Credited when an item names no writer.</span>
                  </div>
                  <div class="field">
                    <label for={`section-${source.key}`}>Default section</label>
                    <select id={`section-${source.key}`} name="defaultSection" value={source.rules.defaultSection}>
                      {!list.sections.some((s) => s.slug === source.rules.defaultSection) && (
                        <option value={source.rules.defaultSection}>{source.rules.defaultSection} (missing)</option>
                      )}
                      {list.sections.map((s) => (
                        <option key={s.slug} value={s.slug}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for={`urgency-${source.key}`}>Always hold copy less urgent than</label>
                    <select id={`urgency-${source.key}`} name="urgencyHoldAbove" value={source.rules.urgencyHoldAbove === null ? '' : String(source.rules.urgencyHoldAbove)}>
                      <option value="">No urgency rule</option>
                      {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
                        <option key={n} value={String(n)}>
                          Urgency {n}
                        </option>
                      ))}
                    </select>
                  </div>
                  <label class="checkbox-field">
                    <input type="checkbox" name="tagsFromSubjects" checked={source.rules.tagsFromSubjects} /> Tag stories with the agency’s subjects
                  </label>
                  <div class="wire-actions">
                    <button type="submit" class="button primary">
                      Save<span class="visually-hidden"> the rules for {source.name}</span>
                    </button>
                    {source.kind !== 'default' && (source.from === 'newsroom' || source.from === 'own') && (
                      <button type="button" class="button ghost" onClick={() => void reset(source)}>
                        Use the rules for all sources<span class="visually-hidden"> for {source.name}</span>
                      </button>
                    )}
                  </div>
                </form>
              </section>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
