import { api, del, describeError } from '../api.ts';

export interface SourceRules {
  agency: string;
  publish: 'hold' | 'auto';
  defaultSection: string;
  urgencyHoldAbove: number | null;
  tagsFromSubjects: boolean;
  subjectRules: number;
  sluglineRules: number;
}

export interface WireSource {
  key: string;
  kind: 'default' | 'inbox' | 'push' | 'poll';
  name: string;
  url: string | null;
  from: 'newsroom' | 'own' | 'file' | 'default' | 'built-in';
  rules: SourceRules;
  updatedBy: string | null;
}

export interface SourceList {
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

/** "Holds for the desk" or "Publishes at once", as a badge. */
export function PublishBadge(props: { rules: SourceRules }) {
  const auto = props.rules.publish === 'auto';
  return <span class={`status ${auto ? 'status-published' : 'status-submitted'}`}>{auto ? 'Publishes at once' : 'Holds for the desk'}</span>;
}

/** What the source is and where the rules it ingests with come from. */
export function RulesOrigin(props: { source: WireSource }) {
  const { source } = props;
  const kept = source.rules.subjectRules + source.rules.sluglineRules;
  return (
    <p class="wire-source-from">
      {KIND[source.kind]}
      {source.url && ` (${source.url})`}. {FROM[source.from]}
      {source.updatedBy && ` Last set by ${source.updatedBy}.`}
      {kept > 0 && ` ${kept} placement rule(s) from the rules file are kept.`}
    </p>
  );
}

/**
 * One source's rules as a form: hold or publish, the agency's name, the
 * default section, the urgency hold and tags. Saved for the source's next
 * item on every node; the Wire sources screen shows one per source, the
 * Settings screen the default for all.
 */
export function WireRulesForm(props: { source: WireSource; sections: SourceList['sections']; onSaved: (message: string) => void; onError: (message: string) => void }) {
  const { source, sections } = props;

  async function save(form: HTMLFormElement) {
    const data = new FormData(form);
    const urgency = String(data.get('urgencyHoldAbove') ?? '');
    try {
      await api('PUT', `/wire-sources/${source.key}/rules`, {
        agency: String(data.get('agency') ?? '').trim(),
        publish: data.get('publish') === 'auto' ? 'auto' : 'hold',
        defaultSection: String(data.get('defaultSection') ?? ''),
        urgencyHoldAbove: urgency === '' ? null : Number(urgency),
        tagsFromSubjects: data.get('tagsFromSubjects') === 'on',
      });
      props.onSaved(`Saved the rules for ${source.name}. ${source.kind === 'default' ? 'The next item from any source without rules of its own follows them.' : 'Its next item follows them.'}`);
    } catch (failure) {
      props.onError(describeError(failure));
    }
  }

  async function reset() {
    try {
      await del(`/wire-sources/${source.key}/rules`);
      props.onSaved(`${source.name} follows the rules for all sources again.`);
    } catch (failure) {
      props.onError(describeError(failure));
    }
  }

  return (
    <form
      class="wire-source-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save(event.currentTarget);
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
        <input id={`agency-${source.key}`} name="agency" required maxLength={120} value={source.rules.agency} aria-describedby={`agency-${source.key}-hint`} />
        <span class="hint" id={`agency-${source.key}-hint`}>
          Credited when an item names no writer.
        </span>
      </div>
      <div class="field">
        <label for={`section-${source.key}`}>Default section</label>
        <select id={`section-${source.key}`} name="defaultSection" value={source.rules.defaultSection}>
          {!sections.some((s) => s.slug === source.rules.defaultSection) && <option value={source.rules.defaultSection}>{source.rules.defaultSection} (missing)</option>}
          {sections.map((s) => (
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
          <button type="button" class="button ghost" onClick={() => void reset()}>
            Use the rules for all sources<span class="visually-hidden"> for {source.name}</span>
          </button>
        )}
      </div>
    </form>
  );
}
