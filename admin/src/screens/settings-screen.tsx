import { useEffect, useState } from 'preact/hooks';
import { ACCENT_BACKGROUNDS, contrastRatio, MIN_CONTRAST } from '../../../src/domain/contrast.ts';
import { paragraphsToHtml } from '../../../src/domain/html-text.ts';
import { SOCIAL_NAMES, SOCIAL_NETWORKS, type SocialNetwork } from '../../../src/domain/social-networks.ts';
import { api, describeError, get, patch, post } from '../api.ts';
import { Link } from '../components/link.tsx';
import { ScreenTitle } from '../components/screen-title.tsx';
import { PublishBadge, RulesOrigin, type SourceList, WireRulesForm } from '../components/wire-rules-form.tsx';
import './settings-screen.css';
import './wire-desk.css';

interface FooterLink {
  label: string;
  url: string;
}
interface Social {
  network: SocialNetwork;
  url: string;
}
interface Values {
  name: string;
  description: string;
  language: string;
  timeZone: string;
  accentColor: string;
  footerLinks: FooterLink[];
  social: Social[];
}
interface SettingsView {
  settings: Values;
  pinned: Array<{ field: keyof Values; variable: string }>;
  logo: { url: string; type: string; width: number; height: number; iconUrl: string } | null;
  removed?: string[];
}
interface StaticPage {
  id: number;
  path: string;
  title: string;
  bodyHtml: string;
  published: boolean;
  inFooter: boolean;
  position: number;
}

/** The disclosures readers (and the Trust Project) look for, each at its usual address. */
const TRUST_PAGES = [
  { path: '/about', title: 'About us', match: /^about/i, hint: 'Who owns and runs the newsroom, what it covers, and how it is paid for.' },
  { path: '/contact', title: 'Contact', match: /^contact/i, hint: 'How readers reach the newsroom: tips, letters, corrections, advertising.' },
  { path: '/policies/ethics', title: 'Ethics policy', match: /ethic/i, hint: 'The standards reporters and editors hold to: independence, fairness, sources, conflicts of interest.' },
  { path: '/policies/corrections', title: 'Corrections policy', match: /correction/i, hint: 'How readers report an error and how the newsroom corrects it, dated and in the open.' },
];

const LANGUAGES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'de', 'de-AT', 'de-CH', 'fr', 'fr-CA', 'es', 'es-MX', 'it', 'nl', 'pt-BR', 'pl', 'sv', 'da', 'nb', 'fi'];

function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** A page body for editing: paragraphs as plain text when it is only paragraphs, else the HTML itself. */
function editableText(html: string): { text: string; isHtml: boolean } {
  const paragraphs = html.trim() === '' ? [] : html.trim().split(/<\/p>\s*/i).filter(Boolean);
  const plain = paragraphs.every((p) => /^<p>[^<]*$/i.test(p.trim()));
  if (!plain) return { text: html, isHtml: true };
  // The browser's own parser reads the entities back (a paragraph here holds no tags, only text).
  const decode = (s: string) => new DOMParser().parseFromString(s, 'text/html').body.textContent ?? '';
  return { text: paragraphs.map((p) => decode(p.trim().replace(/^<p>/i, ''))).join('\n\n'), isHtml: false };
}

/** Paragraphs typed with a blank line between them, as the page's HTML (the site's one escaper, src/domain/html-text.ts). */
function paragraphsHtml(text: string): string {
  return paragraphsToHtml(text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ')));
}

/** The site's name, look, footer and disclosures (admins). Saved changes show on the site at once. */
export function SettingsScreen() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [values, setValues] = useState<Values | null>(null);
  const [pages, setPages] = useState<StaticPage[]>([]);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  const [logoFile, setLogoFile] = useState<File | null>(null);
  const [logoNote, setLogoNote] = useState('');
  const [wire, setWire] = useState<SourceList | null>(null);
  const [wireNote, setWireNote] = useState('');

  const loadWire = () =>
    get<SourceList>('/wire-sources')
      .then(setWire)
      .catch((failure) => {
        setWire({ sources: [], sections: [] });
        setError(describeError(failure));
      });

  const loadPages = () =>
    get<{ items: StaticPage[] }>('/pages')
      .then((answer) => setPages(answer.items))
      .catch((failure) => setError(describeError(failure)));

  useEffect(() => {
    get<SettingsView>('/settings')
      .then((answer) => {
        setView(answer);
        setValues(answer.settings);
      })
      .catch((failure) => setError(describeError(failure)));
    void loadPages();
    void loadWire();
  }, []);

  if (!view || !values) {
    return (
      <>
        <ScreenTitle>Settings</ScreenTitle>
        {error ? (
          <div class="banner error" role="alert">
            <p>{error}</p>
          </div>
        ) : (
          <p aria-busy="true">Loading the settings…</p>
        )}
      </>
    );
  }

  const pinned = (field: keyof Values) => view.pinned.find((p) => p.field === field)?.variable;
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues({ ...values, [key]: value });
  const validHex = /^#[0-9a-fA-F]{6}$/.test(values.accentColor);
  const worstContrast = validHex ? Math.min(...ACCENT_BACKGROUNDS.map((bg) => contrastRatio(values.accentColor.toLowerCase(), bg))) : 0;

  async function save(event: Event) {
    event.preventDefault();
    if (!values || !view) return;
    setSaving(true);
    setError('');
    setNotice('');
    // Pinned fields are not sent: the server would refuse them.
    const body: Partial<Values> = { ...values };
    for (const p of view.pinned) delete body[p.field];
    try {
      const answer = await patch<SettingsView>('/settings', body);
      setView(answer);
      setValues(answer.settings);
      setNotice('Saved. Readers see the change on their next page, on every server.');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  }

  async function uploadLogo(event: Event) {
    event.preventDefault();
    if (!logoFile) return;
    setError('');
    setLogoNote('');
    const form = new FormData();
    form.append('file', logoFile);
    try {
      const answer = await post<SettingsView>('/settings/logo', form);
      setView(answer);
      setLogoFile(null);
      setLogoNote(
        answer.removed && answer.removed.length > 0
          ? `Logo saved. Removed from the SVG for safety: ${answer.removed.join(', ')}.`
          : 'Logo saved: the masthead, the browser tab icon, the feeds and search results show it now.',
      );
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  async function resetLogo() {
    setError('');
    try {
      const answer = await api<SettingsView>('DELETE', '/settings/logo');
      setView(answer);
      setLogoNote('The site shows its drawn initials again.');
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  const zones = timeZones();
  return (
    <div class="settings-screen">
      <ScreenTitle>Settings</ScreenTitle>
      {error && (
        <div class="banner error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {notice && (
        <div class="banner ok" role="status">
          <p>{notice}</p>
        </div>
      )}
      {view.pinned.length > 0 && (
        <div class="banner info">
          <p>
            Some settings are set on the server ({view.pinned.map((p) => p.variable).join(', ')}). They win over what is saved here; ask whoever runs the server to change
            them.
          </p>
        </div>
      )}

      <form class="settings-form" onSubmit={(event) => void save(event)}>
        <section class="settings-card" aria-labelledby="settings-site">
          <h2 id="settings-site">The site</h2>
          <TextField id="set-name" label="Name" value={values.name} pinned={pinned('name')} onInput={(v) => set('name', v)} maxLength={80} />
          <div class="field">
            <label for="set-description">Description</label>
            <textarea
              id="set-description"
              rows={2}
              maxLength={300}
              value={values.description}
              disabled={Boolean(pinned('description'))}
              aria-describedby="set-description-hint"
              onInput={(event) => set('description', (event.currentTarget as HTMLTextAreaElement).value)}
            />
            <span class="hint" id="set-description-hint">
              {pinned('description') ? `Set on the server by ${pinned('description')}.` : 'One sentence for the home page and search results.'}
            </span>
          </div>
          <div class="two-col">
            <TextField id="set-language" label="Language" value={values.language} pinned={pinned('language')} onInput={(v) => set('language', v)} list="set-languages" hint="Stories in another language say so on their own." />
            <TextField id="set-zone" label="Time zone" value={values.timeZone} pinned={pinned('timeZone')} onInput={(v) => set('timeZone', v)} list="set-zones" hint="Every time on the site and in the newsroom." />
          </div>
          <datalist id="set-languages">
            {LANGUAGES.map((l) => (
              <option key={l} value={l} />
            ))}
          </datalist>
          <datalist id="set-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <div class="field">
            <label for="set-accent">Accent colour</label>
            <div class="accent-row">
              <input
                type="color"
                aria-label="Pick the accent colour"
                value={validHex ? values.accentColor.toLowerCase() : '#000000'}
                disabled={Boolean(pinned('accentColor'))}
                onInput={(event) => set('accentColor', (event.currentTarget as HTMLInputElement).value)}
              />
              <input
                id="set-accent"
                class="accent-hex"
                value={values.accentColor}
                maxLength={7}
                disabled={Boolean(pinned('accentColor'))}
                aria-describedby="set-accent-hint"
                onInput={(event) => set('accentColor', (event.currentTarget as HTMLInputElement).value.trim())}
              />
              <span class="accent-sample" style={validHex ? { color: values.accentColor } : undefined} aria-hidden="true">
                SPORTS · Opinion
              </span>
            </div>
            <span class="hint" id="set-accent-hint" role="status">
              {pinned('accentColor')
                ? `Set on the server by ${pinned('accentColor')}.`
                : !validHex
                  ? 'Six hex digits, such as #a3161b.'
                  : worstContrast >= MIN_CONTRAST
                    ? `Readable: contrast ${worstContrast.toFixed(1)}:1 on the page (at least ${MIN_CONTRAST}:1 is needed). Used for section labels and kickers.`
                    : `Too light to read: contrast ${worstContrast.toFixed(1)}:1, at least ${MIN_CONTRAST}:1 is needed. Pick a darker shade.`}
            </span>
          </div>
        </section>

        <section class="settings-card" aria-labelledby="settings-footer">
          <h2 id="settings-footer">Footer links</h2>
          <p class="hint">Shown under “About us” after the pages below, on every page.</p>
          {values.footerLinks.map((link, index) => (
            <div class="link-row" key={index}>
              <div class="field">
                <label for={`fl-label-${index}`}>Label</label>
                <input id={`fl-label-${index}`} value={link.label} maxLength={40} onInput={(event) => set('footerLinks', values.footerLinks.map((l, i) => (i === index ? { ...l, label: (event.currentTarget as HTMLInputElement).value } : l)))} />
              </div>
              <div class="field">
                <label for={`fl-url-${index}`}>Address</label>
                <input id={`fl-url-${index}`} value={link.url} placeholder="https://… or /path" onInput={(event) => set('footerLinks', values.footerLinks.map((l, i) => (i === index ? { ...l, url: (event.currentTarget as HTMLInputElement).value } : l)))} />
              </div>
              <button type="button" class="button ghost small" aria-label={`Remove the link ${link.label || index + 1}`} onClick={() => set('footerLinks', values.footerLinks.filter((_, i) => i !== index))}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" class="button ghost small" onClick={() => set('footerLinks', [...values.footerLinks, { label: '', url: '' }])}>
            Add a link
          </button>
        </section>

        <section class="settings-card" aria-labelledby="settings-social">
          <h2 id="settings-social">Social accounts</h2>
          <p class="hint">Linked from the footer under “Follow us”.</p>
          {values.social.map((account, index) => (
            <div class="link-row" key={account.network}>
              <div class="field">
                <label for={`so-net-${index}`}>Network</label>
                <select id={`so-net-${index}`} value={account.network} onChange={(event) => set('social', values.social.map((s, i) => (i === index ? { ...s, network: (event.currentTarget as HTMLSelectElement).value as SocialNetwork } : s)))}>
                  {SOCIAL_NETWORKS.map((n) => (
                    <option key={n} value={n}>
                      {SOCIAL_NAMES[n]}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for={`so-url-${index}`}>Profile address</label>
                <input id={`so-url-${index}`} value={account.url} placeholder="https://…" onInput={(event) => set('social', values.social.map((s, i) => (i === index ? { ...s, url: (event.currentTarget as HTMLInputElement).value } : s)))} />
              </div>
              <button type="button" class="button ghost small" aria-label={`Remove ${SOCIAL_NAMES[account.network]}`} onClick={() => set('social', values.social.filter((_, i) => i !== index))}>
                Remove
              </button>
            </div>
          ))}
          {values.social.length < SOCIAL_NETWORKS.length && (
            <button
              type="button"
              class="button ghost small"
              onClick={() => {
                const free = SOCIAL_NETWORKS.find((n) => !values.social.some((s) => s.network === n)) ?? 'mastodon';
                set('social', [...values.social, { network: free, url: '' }]);
              }}
            >
              Add an account
            </button>
          )}
        </section>

        <div class="settings-save">
          <button type="submit" class="button primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
          {/* Said again beside the button, where the eye is after pressing it. */}
          {notice && <p class="state-ok">{notice}</p>}
          {error && <p class="state-missing">{error}</p>}
        </div>
      </form>

      <section class="settings-card" aria-labelledby="settings-logo">
        <h2 id="settings-logo">Logo</h2>
        <div class="logo-row">
          {view.logo ? (
            <img class="logo-preview" src={view.logo.url} alt="The site’s current logo" width={Math.round((64 * view.logo.width) / Math.max(1, view.logo.height))} height={64} />
          ) : (
            <p class="hint">The site shows a mark drawn from its initials until you upload a logo.</p>
          )}
        </div>
        <form class="logo-form" onSubmit={(event) => void uploadLogo(event)}>
          <div class="field">
            <label for="set-logo">SVG or PNG, at most 1 MB</label>
            <input id="set-logo" type="file" accept=".svg,.png,image/svg+xml,image/png" aria-describedby="set-logo-hint" onChange={(event) => setLogoFile((event.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
            <span class="hint" id="set-logo-hint">
              Used in the masthead, as the browser tab icon, in feeds and in search results. Scripts and links inside an SVG are removed.
            </span>
          </div>
          <div class="row">
            <button type="submit" class="button" disabled={!logoFile}>
              Upload logo
            </button>
            {view.logo && (
              <button type="button" class="button ghost" onClick={() => void resetLogo()}>
                Use the drawn initials
              </button>
            )}
          </div>
          {logoNote && (
            <p class="hint" role="status">
              {logoNote}
            </p>
          )}
        </form>
      </section>

      <section class="settings-card" aria-labelledby="settings-pages">
        <h2 id="settings-pages">Pages readers look for</h2>
        <p class="hint">Who you are, how to reach you, your standards and how you correct mistakes: linked from every page’s footer.</p>
        <ul class="trust-pages">
          {TRUST_PAGES.map((kind) => (
            <TrustPage key={kind.path} kind={kind} page={pages.find((p) => p.path === kind.path) ?? pages.find((p) => kind.match.test(p.title))} onSaved={() => void loadPages()} onError={setError} />
          ))}
        </ul>
      </section>

      <WireDefaultCard
        list={wire}
        note={wireNote}
        onSaved={(message) => {
          setWireNote(message);
          void loadWire();
        }}
        onError={(message) => {
          setWireNote('');
          setError(message);
        }}
      />
    </div>
  );
}

/** The wire's default rules, edited in place: what every agency without rules of its own does with its next item. */
function WireDefaultCard(props: { list: SourceList | null; note: string; onSaved: (message: string) => void; onError: (message: string) => void }) {
  const source = props.list?.sources.find((s) => s.kind === 'default');
  return (
    <section class="settings-card" aria-labelledby="settings-wire">
      <div class="wire-source-head">
        <h2 id="settings-wire">Wire copy: the default rules</h2>
        {source && <PublishBadge rules={source.rules} />}
      </div>
      <p class="hint">
        For every agency without rules of its own: whether its copy waits in the wire queue for an editor (the default) or goes live with no one looking, where it goes and whose name it
        carries. Each source’s own rules are on <Link to="/sources">Wire sources</Link>.
      </p>
      {props.list && source ? (
        <>
          <RulesOrigin source={source} />
          <WireRulesForm source={source} sections={props.list.sections} onSaved={props.onSaved} onError={props.onError} />
        </>
      ) : props.list ? (
        <p class="state-missing">The wire rules could not be loaded (the message above says why).</p>
      ) : (
        <p aria-busy="true">Loading the wire rules…</p>
      )}
      {props.note && (
        <p class="state-ok" role="status">
          {props.note}
        </p>
      )}
    </section>
  );
}

function TextField(props: { id: string; label: string; value: string; pinned: string | undefined; onInput: (value: string) => void; maxLength?: number; list?: string; hint?: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        value={props.value}
        maxLength={props.maxLength}
        list={props.list}
        disabled={Boolean(props.pinned)}
        aria-describedby={props.pinned || props.hint ? `${props.id}-hint` : undefined}
        onInput={(event) => props.onInput((event.currentTarget as HTMLInputElement).value)}
      />
      {(props.pinned || props.hint) && (
        <span class="hint" id={`${props.id}-hint`}>
          {props.pinned ? `Set on the server by ${props.pinned}.` : props.hint}
        </span>
      )}
    </div>
  );
}

/** One disclosure page: its state, and a small editor for its text. */
function TrustPage(props: { kind: (typeof TRUST_PAGES)[number]; page: StaticPage | undefined; onSaved: () => void; onError: (message: string) => void }) {
  const { kind, page } = props;
  const [open, setOpen] = useState(false);
  const initial = page ? editableText(page.bodyHtml) : { text: '', isHtml: false };
  const [title, setTitle] = useState(page?.title ?? kind.title);
  const [text, setText] = useState(initial.text);
  const [inFooter, setInFooter] = useState(page?.inFooter ?? true);
  const [saved, setSaved] = useState('');
  const id = kind.path.replace(/\W+/g, '-');

  async function save(event: Event) {
    event.preventDefault();
    setSaved('');
    const bodyHtml = initial.isHtml ? text : paragraphsHtml(text);
    try {
      if (page) await patch(`/pages/${page.id}`, { title, bodyHtml, inFooter, published: true });
      else await post('/pages', { path: kind.path, title, bodyHtml, inFooter, published: true, position: TRUST_PAGES.indexOf(kind) });
      setSaved('Saved.');
      setOpen(false);
      props.onSaved();
    } catch (failure) {
      props.onError(describeError(failure));
    }
  }

  const state = !page ? 'Not written yet' : !page.published ? 'Not published' : page.inFooter ? 'In the footer' : 'Published, not in the footer';
  return (
    <li class="trust-page">
      <div class="trust-page-head">
        <div>
          <h3>{page?.title ?? kind.title}</h3>
          <p class="hint">
            {page ? (
              <a href={page.path} target="_blank" rel="noopener">
                {page.path}
              </a>
            ) : (
              kind.hint
            )}{' '}
            · <span class={page?.published ? 'state-ok' : 'state-missing'}>{state}</span>
            {saved && <span role="status"> · {saved}</span>}
          </p>
        </div>
        <button type="button" class="button small" aria-expanded={open} aria-controls={`${id}-editor`} onClick={() => setOpen(!open)}>
          {open ? 'Close' : page ? 'Edit' : 'Write it'}
        </button>
      </div>
      {open && (
        <form id={`${id}-editor`} class="trust-page-editor" onSubmit={(event) => void save(event)}>
          <div class="field">
            <label for={`${id}-title`}>Title</label>
            <input id={`${id}-title`} value={title} maxLength={200} required onInput={(event) => setTitle((event.currentTarget as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for={`${id}-text`}>{initial.isHtml ? 'Text (HTML)' : 'Text'}</label>
            <textarea id={`${id}-text`} rows={8} value={text} required aria-describedby={`${id}-text-hint`} onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)} />
            <span class="hint" id={`${id}-text-hint`}>
              {initial.isHtml ? 'This page has formatting; it is edited as HTML.' : 'Leave an empty line between paragraphs.'} {kind.hint}
            </span>
          </div>
          <label class="checkbox-field field">
            <input type="checkbox" checked={inFooter} onChange={(event) => setInFooter((event.currentTarget as HTMLInputElement).checked)} /> Link it from the footer
          </label>
          <div class="row">
            <button type="submit" class="button primary">
              Save page
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
