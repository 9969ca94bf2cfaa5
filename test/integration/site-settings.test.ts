import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/cli/open-store.js';
import { loadConfig } from '../../src/config.js';
import { type App, buildApp } from '../../src/server.js';
import type { Store } from '../../src/store/index.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

// The Settings screen's API: an admin changes the site's name, logo, colour and footer, and every
// node shows it on its next page, without a restart; what an operator pinned with an environment
// variable stays; and every input that could carry an attack is refused or cleaned.

async function page(base: string, pathname: string): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(`${base}${pathname}`, { redirect: 'manual' });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** Polls until `check` holds; fails past `withinMs`. */
async function within(withinMs: number, check: () => Promise<boolean>): Promise<void> {
  const start = performance.now();
  for (;;) {
    if (await check()) return;
    if (performance.now() - start > withinMs) throw new Error(`not true within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function uploadLogo(session: AdminSession, base: string, bytes: Buffer | string, name: string, type: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(typeof bytes === 'string' ? Buffer.from(bytes) : bytes)], { type }), name);
  return fetch(`${base}/admin/api/settings/logo`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, body: form });
}

const ATTACK_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 300 100" onload="alert('svg')">
  <script>alert(document.cookie)</script>
  <style>@import url(https://evil.example/x.css); .w { fill: #0b3a53 }</style>
  <a href="javascript:alert(1)"><rect width="10" height="10"/></a>
  <rect class="w" width="300" height="100" rx="12" fill="#0b3a53" onclick="steal()"/>
  <image href="https://evil.example/track.png" width="1" height="1"/>
  <use xlink:href="https://evil.example/sprite.svg#mark"/>
  <foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"></iframe></foreignObject>
  <animate attributeName="href" to="javascript:alert(2)"/>
  <text x="150" y="64" font-size="48" text-anchor="middle" fill="#ffffff" style="fill:url(https://evil.example/paint)">HARBOR</text>
  <circle cx="20" cy="50" r="10" fill="url(#glow)"/>
</svg>`;

for (const dialect of DIALECTS) {
  describe(`site settings on two nodes (${dialect})`, () => {
    let one: TestSite;
    let two: { app: App; store: Store; url: string };
    let admin: AdminSession;
    let storyPath = '';

    beforeAll(async () => {
      one = await startTestSite(dialect, { demo: false });
      // A second server process on the same database (the same SQLite file, or the same PostgreSQL).
      const config = loadConfig({
        ...(one.config.databaseUrl && { DATABASE_URL: one.config.databaseUrl }),
        DATA_DIR: one.config.dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        SITE_URL: TEST_SITE_URL,
        DEMO: 'false',
        RATE_LIMIT_SIGN_IN: '0',
      });
      const store = await openStore(config);
      const app = await buildApp({ config, store });
      const address = await app.fastify.listen({ port: 0, host: '127.0.0.1' });
      two = { app, store, url: address };
      admin = await signedInAs(one.store, one.url, 'admin');
      const section = await one.store.sections.create({ slug: 'news', name: 'News' });
      const authorId = await one.store.authors.create({ slug: 'dpa-desk', name: 'Nachrichtendienst', kind: 'organization', bio: '' });
      const { path } = await one.store.articleWriter.create(
        {
          headline: 'Hafenfähre fährt im Winter seltener',
          bodyHtml: '<p>HAMBURG (dpa) — Die Fähre fährt ab November nur noch stündlich.</p>',
          label: 'news',
          status: 'published',
          sectionId: section.id,
          authorIds: [authorId],
          publishedAt: new Date(Date.now() - 3600_000),
          language: 'de',
        },
        new Date(),
      );
      storyPath = path;
    }, 180_000);

    afterAll(async () => {
      await two?.app.fastify.close();
      await two?.store.db.close();
      await one?.close();
    });

    it('shows a new name, colour and footer on the next page load of every node, without a restart', async () => {
      // Both nodes have the home page cached with the old name.
      for (const base of [one.url, two.url]) expect((await page(base, '/')).body).toContain('Cedar Coast Dispatch');
      const response = await admin.call('PATCH', '/settings', {
        name: 'Harbor Light Ledger',
        description: 'Port Alder’s paper of record since last Tuesday.',
        accentColor: '#1D5C2E',
        footerLinks: [{ label: 'Jobs', url: 'https://jobs.example.org/harbor' }],
        social: [{ network: 'mastodon', url: 'https://social.example/@harborlight' }],
      });
      expect(response.status, await response.clone().text()).toBe(200);
      const saved = (await response.json()) as { settings: { name: string; accentColor: string } };
      expect(saved.settings).toMatchObject({ name: 'Harbor Light Ledger', accentColor: '#1d5c2e' });
      for (const base of [one.url, two.url]) {
        await within(3000, async () => (await page(base, '/')).body.includes('<title>Harbor Light Ledger'));
        const home = await page(base, '/');
        expect(home.body).toContain('<span>Harbor Light Ledger</span>');
        expect(home.body).toContain('href="https://jobs.example.org/harbor"');
        expect(home.body).toMatch(/<a href="https:\/\/social\.example\/@harborlight" rel="me noopener">Mastodon<\/a>/);
        const css = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)?.[1] ?? '';
        const sheet = await page(base, css);
        expect(sheet.status).toBe(200);
        expect(sheet.body).toContain('--accent: #1d5c2e');
        expect(sheet.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      }
    });

    it('puts an uploaded SVG logo, cleaned of everything active, in the masthead, favicon, feeds and JSON-LD of every node', async () => {
      const response = await uploadLogo(admin, one.url, ATTACK_SVG, 'logo.svg', 'image/svg+xml');
      expect(response.status, await response.clone().text()).toBe(200);
      const body = (await response.json()) as { logo: { url: string; type: string }; removed: string[] };
      expect(body.logo.type).toBe('image/svg+xml');
      expect(body.removed).toEqual(
        expect.arrayContaining(['the <script> element', 'the onload attribute', 'the onclick attribute', 'the <image> element', 'the <foreignObject> element', 'the <animate> element']),
      );
      for (const base of [one.url, two.url]) {
        await within(3000, async () => (await page(base, '/')).body.includes(body.logo.url));
        const home = await page(base, '/');
        const icon = /<link rel="icon" href="([^"]+)" type="image\/png"/.exec(home.body)?.[1] ?? '';
        expect(icon).toMatch(/^\/assets\/icon\.[0-9a-f]+\.png$/);
        expect((await page(base, icon)).headers.get('content-type')).toBe('image/png');
        const svg = await page(base, body.logo.url);
        expect(svg.status).toBe(200);
        expect(svg.headers.get('content-type')).toBe('image/svg+xml');
        expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
        for (const bad of ['<script', 'onload', 'onclick', 'javascript:', 'evil.example', '<image', 'foreignObject', '<animate', '<iframe', '@import']) {
          expect(svg.body, bad).not.toContain(bad);
        }
        expect(svg.body).toContain('HARBOR');
        expect(svg.body).toContain('url(#glow)');
        const story = await page(base, storyPath);
        const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(story.body)?.[1] ?? '{}') as { publisher: { name: string; logo: { url: string; width: number } } };
        expect(jsonLd.publisher.name).toBe('Harbor Light Ledger');
        expect(jsonLd.publisher.logo.url).toMatch(new RegExp(`^${TEST_SITE_URL}/assets/logo-raster\\.[0-9a-f]+\\.png$`));
        expect(jsonLd.publisher.logo.width).toBe(600);
        const raster = await page(base, new URL(jsonLd.publisher.logo.url).pathname);
        expect(raster.headers.get('content-type')).toBe('image/png');
        const rss = await page(base, '/rss.xml');
        expect(rss.body).toContain('<title>Harbor Light Ledger</title>');
        expect(rss.body).toContain(jsonLd.publisher.logo.url);
      }
    });

    it('marks a German wire story lang="de" on a site in English', async () => {
      const story = await page(two.url, storyPath);
      expect(story.body).toMatch(/<html lang="en-US">/);
      expect(story.body).toMatch(/<article class="story story-news" lang="de">/);
    });
  });
}

describe('settings: who may change them, what is refused, what the environment pins', () => {
  let site: TestSite;
  let admin: AdminSession;

  beforeAll(async () => {
    site = await startTestSite('sqlite', { demo: false, env: { SITE_TIME_ZONE: 'Europe/Berlin' } });
    admin = await signedInAs(site.store, site.url, 'admin');
  }, 120_000);
  afterAll(() => site?.close());

  it('lets only admins read or change settings', async () => {
    const editor = await signedInAs(site.store, site.url, 'editor');
    expect((await editor.call('GET', '/settings')).status).toBe(403);
    expect((await editor.call('PATCH', '/settings', { name: 'Taken over' })).status).toBe(403);
    expect((await uploadLogo(editor, site.url, '<svg xmlns="http://www.w3.org/2000/svg"/>', 'x.svg', 'image/svg+xml')).status).toBe(403);
    expect((await editor.call('DELETE', '/settings/logo')).status).toBe(403);
    expect((await fetch(`${site.url}/admin/api/settings`)).status).toBe(401);
  });

  it('shows which fields the environment pins and refuses to change them', async () => {
    const view = (await (await admin.call('GET', '/settings')).json()) as { pinned: Array<{ field: string; variable: string }>; settings: { timeZone: string } };
    expect(view.pinned).toEqual([{ field: 'timeZone', variable: 'SITE_TIME_ZONE' }]);
    expect(view.settings.timeZone).toBe('Europe/Berlin');
    const refused = await admin.call('PATCH', '/settings', { timeZone: 'America/Chicago' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('SITE_TIME_ZONE');
  });

  it.each([
    [{ accentColor: '#f5c400' }, /too light to read .*contrast 1\.\d:1/],
    [{ accentColor: 'red; } body { display:none' }, /not a colour/],
    [{ name: '   ' }, /needs a name/],
    [{ language: 'en"><script>' }, /not a language tag/],
    [{ footerLinks: [{ label: 'Click', url: 'javascript:alert(1)' }] }, /not a link readers can follow/],
    [{ footerLinks: [{ label: 'Elsewhere', url: '//evil.example/' }] }, /not a link readers can follow/],
    [{ footerLinks: [{ label: '', url: '/about' }] }, /needs a label/],
    [{ social: [{ network: 'bluesky', url: 'http://bsky.example/profile/x' }] }, /https:\/\/ address/],
  ])('refuses %j with a message that says what to fix, and saves nothing', async (patch, message) => {
    const response = await admin.call('PATCH', '/settings', { ...patch, description: 'Must not be saved either.' });
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { message: string; hint: string } }).error;
    expect(error.message).toMatch(message);
    expect(error.hint).toBeTruthy();
    const view = (await (await admin.call('GET', '/settings')).json()) as { settings: { description: string } };
    expect(view.settings.description).not.toBe('Must not be saved either.');
  });

  it('refuses unknown fields and networks', async () => {
    expect((await admin.call('PATCH', '/settings', { siteUrl: 'https://evil.example' })).status).toBe(400);
    expect((await admin.call('PATCH', '/settings', { social: [{ network: 'myspace', url: 'https://myspace.example/x' }] })).status).toBe(400);
  });

  it('refuses logos that are not SVG or PNG, too large, or carry entity declarations', async () => {
    const html = await uploadLogo(admin, site.url, '<html><body><script>alert(1)</script></body></html>', 'logo.svg', 'image/svg+xml');
    expect(html.status).toBe(400);
    expect(((await html.json()) as { error: { message: string } }).error.message).toMatch(/not an SVG drawing|neither/);
    const jpeg = await uploadLogo(admin, site.url, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]), 'logo.png', 'image/png');
    expect(jpeg.status).toBe(400);
    const bomb = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>`;
    const entities = await uploadLogo(admin, site.url, bomb, 'bomb.svg', 'image/svg+xml');
    expect(entities.status).toBe(400);
    expect(((await entities.json()) as { error: { message: string } }).error.message).toMatch(/entities/);
    const huge = await uploadLogo(admin, site.url, Buffer.alloc(1024 * 1024 + 10, 0x20), 'huge.svg', 'image/svg+xml');
    expect(huge.status).toBe(413);
    const broken = await uploadLogo(admin, site.url, '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', 'broken.svg', 'image/svg+xml');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toMatch(/not well-formed/);
  });

  it('re-encodes a PNG logo so nothing but its pixels survive, and can go back to the drawn default', async () => {
    const { default: sharp } = await import('sharp');
    const png = await sharp({ create: { width: 400, height: 120, channels: 4, background: '#0b3a53' } }).png().toBuffer();
    // A polyglot: a valid PNG with HTML after its end.
    const polyglot = Buffer.concat([png, Buffer.from('<html><script>alert(1)</script></html>')]);
    const response = await uploadLogo(admin, site.url, polyglot, 'logo.png', 'image/png');
    expect(response.status, await response.clone().text()).toBe(200);
    const body = (await response.json()) as { logo: { url: string; width: number; height: number } };
    expect(body.logo).toMatchObject({ width: 400, height: 120 });
    const served = await fetch(`${site.url}${body.logo.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).includes('<script')).toBe(false);
    const home = await page(site.url, '/');
    // The masthead shows the PNG's 600 px raster (400 px here: never enlarged), not the upload itself.
    const raster = body.logo.url.replace('/assets/logo.', '/assets/logo-raster.');
    expect(home.body).toContain(`<img src="${raster}" alt width="133" height="40"/>`);
    const reset = await admin.call('DELETE', '/settings/logo');
    expect(reset.status).toBe(200);
    expect(((await reset.json()) as { logo: unknown }).logo).toBeNull();
    await within(2000, async () => !(await page(site.url, '/')).body.includes(raster));
  });
});

describe('a story’s language, set in the story editor', () => {
  let site: TestSite;
  let editor: AdminSession;

  beforeAll(async () => {
    site = await startTestSite('sqlite', { demo: false });
    await site.store.sections.create({ slug: 'news', name: 'News' });
    editor = await signedInAs(site.store, site.url, 'editor');
  }, 120_000);
  afterAll(() => site?.close());

  it('defaults to the site’s language, takes another one, and marks the page with it', async () => {
    const created = await editor.call('POST', '/articles', { headline: 'Le marché du port rouvre samedi', bodyHtml: '<p>Les étals reviennent.</p>' });
    expect(created.status, await created.clone().text()).toBe(201);
    const story = (await created.json()) as { id: number; revision: number; language: string | null };
    expect(story.language).toBeNull();
    const french = await editor.call('PATCH', `/articles/${story.id}`, { language: 'fr', baseRevision: story.revision });
    expect(french.status, await french.clone().text()).toBe(200);
    expect(((await french.json()) as { language: string }).language).toBe('fr');
    const preview = await (await editor.call('GET', `/articles/${story.id}/preview`)).text();
    expect(preview).toMatch(/<article class="story story-news" lang="fr">/);
    const revisions = (await (await editor.call('GET', `/articles/${story.id}/revisions`)).json()) as { items: Array<{ changes: string[] }> };
    expect(JSON.stringify(revisions)).toContain('Language');
  });

  it('refuses a language that is not a language tag, saying what to do', async () => {
    const created = (await (await editor.call('POST', '/articles', { headline: 'Harbor notes' })).json()) as { id: number; revision: number };
    const response = await editor.call('PATCH', `/articles/${created.id}`, { language: 'fr"><script>alert(1)</script>', baseRevision: created.revision });
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { message: string; hint: string } }).error;
    expect(error.message).toMatch(/not a language tag/);
    expect(error.hint).toMatch(/site’s language/);
  });
});
