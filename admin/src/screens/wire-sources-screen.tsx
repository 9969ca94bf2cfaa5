import { useEffect, useState } from 'preact/hooks';
import { describeError, get } from '../api.ts';
import { ScreenTitle } from '../components/screen-title.tsx';
import { PublishBadge, RulesOrigin, type SourceList, WireRulesForm } from '../components/wire-rules-form.tsx';
import './wire-desk.css';

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

  const saved = (message: string) => {
    setError('');
    setNotice(message);
    void load();
  };

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
                  <PublishBadge rules={source.rules} />
                </div>
                <RulesOrigin source={source} />
                <WireRulesForm
                  source={source}
                  sections={list.sections}
                  onSaved={saved}
                  onError={(message) => {
                    setNotice('');
                    setError(message);
                  }}
                />
              </section>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
