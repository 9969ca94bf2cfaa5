import { type IngestOptions, type IngestReport, ingestFile } from '../../src/wire/ingest/index.js';
import type { WireSourceRules } from '../../src/wire/wire-source-rules.js';
import type { TestSite } from '../support/test-site.js';
import { TEST_SITE_URL } from '../support/test-site.js';

/** The fictional agency every wire test writes for. */
export const PWS_RULES: WireSourceRules = {
  name: 'pws',
  agency: 'Pacific Wire Service',
  defaultSection: 'news',
  publish: 'auto',
  subjectSections: {},
  sluglineSections: {},
  tagsFromSubjects: true,
};

export interface StoryOptions {
  uri: string;
  version?: number | string;
  headline?: string;
  body?: string;
  pubstatus?: 'usable' | 'withheld' | 'canceled';
  versioncreated?: string;
  firstcreated?: string;
  embargoed?: string;
  subjects?: string[];
  signals?: string[];
  located?: string;
  associations?: unknown[];
  extra?: Record<string, unknown>;
}

/** A ninjs 2.2 text item of the Pacific Wire Service, as bytes. */
export function pwsStory(o: StoryOptions): Uint8Array {
  const doc: Record<string, unknown> = {
    uri: o.uri,
    type: 'text',
    version: String(o.version ?? 1),
    firstcreated: o.firstcreated ?? '2031-03-05T08:00:00Z',
    versioncreated: o.versioncreated ?? '2031-03-05T08:00:00Z',
    pubstatus: o.pubstatus ?? 'usable',
    located: o.located ?? 'PORT ALDER, Wash. (PWS)',
    by: 'Rosa Delacorte, Pacific Wire Service',
    headlines: [{ role: 'main', value: o.headline ?? 'Harbor pilots agree to new night schedule' }],
    descriptions: [{ role: 'summary', value: 'The pilots will split the late shift between two crews.' }],
    bodies: [{ contenttype: 'text/html', value: o.body ?? '<p>The harbor pilots signed the schedule on Thursday.</p><p>It starts next month.</p>' }],
    subjects: (o.subjects ?? ['transport']).map((name) => ({ name })),
    ...(o.embargoed && { embargoed: o.embargoed }),
    ...(o.signals && { signals: o.signals.map((s) => ({ uri: `http://cv.iptc.org/newscodes/signal/${s}` })) }),
    ...(o.associations && { associations: o.associations }),
    ...o.extra,
  };
  return new TextEncoder().encode(JSON.stringify(doc));
}

export function ingest(site: TestSite, bytes: Uint8Array, now: Date, options: IngestOptions = {}, name = 'pws-item.json'): Promise<IngestReport> {
  return ingestFile(site.store, bytes, { kind: 'file', name }, { rules: PWS_RULES, now: () => new Date(now.getTime()), ...options });
}

export async function text(site: TestSite, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${site.url}${path}`);
  return { status: response.status, body: await response.text() };
}

/** Where a story shows: its page's status, and whether lists, feeds, sitemaps, search and the API have it. */
export async function whereShown(site: TestSite, story: { path: string; id: number; word: string; sectionPath: string }, apiKey: string) {
  const [page, home, section, rss, search, api] = await Promise.all([
    text(site, story.path),
    text(site, '/'),
    text(site, story.sectionPath),
    text(site, '/rss.xml'),
    text(site, `/search?q=${encodeURIComponent(story.word)}`),
    fetch(`${site.url}/api/v1/articles/${story.id}`, { headers: { authorization: `Bearer ${apiKey}` } }),
  ]);
  const index = await text(site, '/sitemap.xml');
  const sitemapUrls = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => (m[1] as string).replace(TEST_SITE_URL, ''));
  const sitemaps = await Promise.all(sitemapUrls.map((u) => text(site, u)));
  const apiList = await fetch(`${site.url}/api/v1/articles?limit=100`, { headers: { authorization: `Bearer ${apiKey}` } });
  return {
    page: page.status,
    pageBody: page.body,
    home: home.body.includes(story.path),
    section: section.body.includes(story.path),
    rss: rss.body.includes(story.path),
    sitemap: sitemaps.some((s) => s.body.includes(story.path)),
    search: search.body.includes(story.path),
    api: api.status,
    apiList: (await apiList.text()).includes(story.path),
    // Open Graph and JSON-LD carry the headline: a page that does not name the story shows no social tags for it.
    socialTags: new RegExp(`<meta property="og:title" content="[^"]*${story.word}`).test(page.body),
  };
}
