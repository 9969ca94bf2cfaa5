import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/newsroom/accounts/index.js';
import { ROLES, type Role } from '../../src/newsroom/admin-api-contract.js';
import { ADMIN_MODULES } from '../../src/newsroom/admin-modules.js';
import { adminPlugin, adminRoutes } from '../../src/newsroom/admin-plugin.js';
import type { Store } from '../../src/store/index.js';
import { createUser } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

const ADMIN: Role[] = ['admin'];
const EDITOR_UP: Role[] = ['admin', 'editor'];
const WRITER_UP: Role[] = ['admin', 'editor', 'writer'];
const ANY: Role[] = [...ROLES];

/**
 * Every admin API route and who may call it. A route the server has but
 * this table lacks fails the test, and so does a row for a route that no
 * longer exists: adding a route means deciding here who may call it.
 * Lanes add their rows below their own comment.
 */
const EXPECTED: Record<string, Role[] | 'public'> = {
  // Plugin
  'GET /admin/api/openapi.json': 'public',
  'GET /admin/api/*': 'public',
  // Accounts
  'POST /admin/api/session': 'public',
  'GET /admin/api/session': ANY,
  'DELETE /admin/api/session': ANY,
  'POST /admin/api/session/password': ANY,
  'GET /admin/api/users': ADMIN,
  'POST /admin/api/users': ADMIN,
  'GET /admin/api/users/:id': ADMIN,
  'PATCH /admin/api/users/:id': ADMIN,
  'POST /admin/api/users/:id/reset-password': ADMIN,
  // Stories (engineer B)
  'GET /admin/api/articles': ANY,
  'POST /admin/api/articles': ANY,
  'GET /admin/api/articles/:id': ANY,
  'PATCH /admin/api/articles/:id': ANY,
  'POST /admin/api/articles/:id/submit': WRITER_UP,
  'POST /admin/api/articles/:id/publish': EDITOR_UP,
  'POST /admin/api/articles/:id/unpublish': EDITOR_UP,
  'POST /admin/api/articles/:id/withdraw': EDITOR_UP,
  'POST /admin/api/articles/:id/schedule': EDITOR_UP,
  'POST /admin/api/articles/:id/corrections': EDITOR_UP,
  // The story editor as an editor expects it (issue 12)
  'POST /admin/api/articles/:id/unschedule': EDITOR_UP,
  'PATCH /admin/api/articles/:id/corrections/:noteId': EDITOR_UP,
  'POST /admin/api/articles/:id/preview-links': WRITER_UP,
  'GET /admin/api/articles/:id/preview-links': WRITER_UP,
  'DELETE /admin/api/articles/:id/preview-links/:linkId': WRITER_UP,
  'GET /admin/api/shared-preview/:id/:token': 'public',
  'GET /admin/api/articles/:id/preview': ANY,
  'GET /admin/api/articles/:id/revisions': ANY,
  'GET /admin/api/articles/:id/diff': ANY,
  'POST /admin/api/articles/:id/revisions/:revision/restore': ANY,
  'GET /admin/api/articles/:id/lock': ANY,
  'POST /admin/api/articles/:id/lock': ANY,
  'POST /admin/api/articles/:id/lock/take-over': EDITOR_UP,
  'DELETE /admin/api/articles/:id/lock': ANY,
  'GET /admin/api/wire-queue': EDITOR_UP,
  'POST /admin/api/wire-queue/:articleId/publish': EDITOR_UP,
  'POST /admin/api/wire-queue/:articleId/discard': EDITOR_UP,
  'GET /admin/api/wire-sources': ADMIN,
  'PUT /admin/api/wire-sources/:key/rules': ADMIN,
  'DELETE /admin/api/wire-sources/:key/rules': ADMIN,
  // Media and settings (engineer C)
  'GET /admin/api/media': ANY,
  'GET /admin/api/media/:id': ANY,
  'POST /admin/api/media': ANY,
  'PATCH /admin/api/media/:id': WRITER_UP,
  'GET /admin/api/sections': ANY,
  'POST /admin/api/sections': ADMIN,
  'PATCH /admin/api/sections/:id': ADMIN,
  'GET /admin/api/authors': ANY,
  'GET /admin/api/authors/:id': ANY,
  'POST /admin/api/authors': EDITOR_UP,
  'PATCH /admin/api/authors/:id': EDITOR_UP,
  'GET /admin/api/sponsors': ANY,
  'POST /admin/api/sponsors': ADMIN,
  'PATCH /admin/api/sponsors/:id': ADMIN,
  // Site settings (issue 12)
  'GET /admin/api/settings': ADMIN,
  'PATCH /admin/api/settings': ADMIN,
  'POST /admin/api/settings/logo': ADMIN,
  'DELETE /admin/api/settings/logo': ADMIN,
  // Entities and related stories (issue 14)
  'GET /admin/api/entities': EDITOR_UP,
  'PATCH /admin/api/entities/:id': EDITOR_UP,
  'POST /admin/api/entities/:id/aliases': EDITOR_UP,
  'POST /admin/api/entities/:id/aliases/remove': EDITOR_UP,
  'POST /admin/api/entities/:id/merge': EDITOR_UP,
  'GET /admin/api/articles/:id/entities': EDITOR_UP,
  'GET /admin/api/articles/:id/related': EDITOR_UP,
  'POST /admin/api/articles/:id/related': EDITOR_UP,
  'DELETE /admin/api/articles/:id/related/:relatedId': EDITOR_UP,
  // Static pages (issue 11)
  'GET /admin/api/pages': EDITOR_UP,
  'GET /admin/api/pages/:id': EDITOR_UP,
  'POST /admin/api/pages': EDITOR_UP,
  'PATCH /admin/api/pages/:id': EDITOR_UP,
  'DELETE /admin/api/pages/:id': ADMIN,
  // Fronts the desk curates (issue 12)
  'GET /admin/api/fronts': EDITOR_UP,
  'GET /admin/api/fronts/:front': EDITOR_UP,
  'PUT /admin/api/fronts/:front/slots/:slot': EDITOR_UP,
  'DELETE /admin/api/fronts/:front/slots/:slot': EDITOR_UP,
  'POST /admin/api/fronts/:front/move': EDITOR_UP,
  'POST /admin/api/imports': ADMIN,
  'POST /admin/api/imports/url': ADMIN,
  'GET /admin/api/imports': ADMIN,
  'GET /admin/api/imports/:id': ADMIN,
  // Newsletters and audience numbers (issue 13)
  'GET /admin/api/newsletters': EDITOR_UP,
  'POST /admin/api/newsletters': EDITOR_UP,
  'PATCH /admin/api/newsletters/:id': EDITOR_UP,
  'GET /admin/api/newsletters/:id/editions': EDITOR_UP,
  'POST /admin/api/newsletters/:id/editions': EDITOR_UP,
  'PATCH /admin/api/editions/:id': EDITOR_UP,
  'GET /admin/api/editions/:id/preview': EDITOR_UP,
  'POST /admin/api/editions/:id/send': EDITOR_UP,
  'POST /admin/api/editions/:id/test': EDITOR_UP,
  'POST /admin/api/editions/:id/cancel': EDITOR_UP,
  'GET /admin/api/newsletters/:id/subscribers.csv': EDITOR_UP,
  'POST /admin/api/newsletters/:id/subscribers/import': EDITOR_UP,
  'GET /admin/api/audience': EDITOR_UP,
  'GET /admin/api/audience/stories': ANY,
};

/** A concrete path for a route: ids that exist nowhere, so an allowed call changes nothing (it answers 404 or 400). */
function concretePath(url: string): string {
  return url.replace(/:[A-Za-z]+/g, '999999').replace(/\*$/, 'no-such-endpoint');
}

async function freshSession(store: Store, userId: number) {
  return new Accounts(store.db).sessions.create(userId, { ip: '127.0.0.1', userAgent: 'role-matrix' }, new Date());
}

describe('the role table', () => {
  it('matches config.roles of every admin route, and lists no route that does not exist', async () => {
    const site = await startTestSite('sqlite', { demo: false });
    try {
      const registered = Object.fromEntries(adminRoutes.map((r) => [`${r.method} ${r.url}`, r.roles === 'public' ? 'public' : [...r.roles].sort()]));
      const expected = Object.fromEntries(Object.entries(EXPECTED).map(([k, v]) => [k, v === 'public' ? 'public' : [...v].sort()]));
      const missing = Object.keys(registered).filter((k) => !(k in expected));
      expect(missing, 'routes missing from EXPECTED in test/newsroom/role-matrix.test.ts').toEqual([]);
      const stale = Object.keys(expected).filter((k) => !(k in registered));
      expect(stale, 'rows in EXPECTED for routes that do not exist').toEqual([]);
      expect(registered).toEqual(expected);
    } finally {
      await site.close();
    }
  });

  it('refuses to start when an admin route declares no roles', async () => {
    const bad = async (app: import('fastify').FastifyInstance) => {
      app.get('/forgot-roles', async () => 'oops');
    };
    ADMIN_MODULES.push(bad);
    const fastify = Fastify();
    try {
      const deps = { store: {} as Store, config: { siteName: 'x', siteUrl: 'http://x' } as never, clock: () => new Date(), mediaDir: '/tmp' };
      await expect(fastify.register(adminPlugin, { prefix: '/admin/api', ...deps }).ready()).rejects.toThrow(/GET \/admin\/api\/forgot-roles must declare who may call it/);
    } finally {
      ADMIN_MODULES.pop();
      await fastify.close().catch(() => {});
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`role matrix on ${dialect}`, () => {
    let site: TestSite;
    const users = new Map<Role, number>();

    beforeAll(async () => {
      site = await startTestSite(dialect, { demo: false });
      for (const role of ROLES) users.set(role, (await createUser(site.store, role)).id);
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    it('answers 401/403 exactly when the role may not call the route', async () => {
      const wrong: string[] = [];
      for (const route of adminRoutes) {
        const path = concretePath(route.url);
        const writes = !['GET', 'HEAD'].includes(route.method);
        for (const role of [...ROLES, null]) {
          const headers: Record<string, string> = {};
          if (role) {
            const session = await freshSession(site.store, users.get(role) as number);
            headers.cookie = `dateline_session=${session.token}`;
            headers['x-csrf-token'] = session.csrfToken;
          }
          if (writes) headers['content-type'] = 'application/json';
          const response = await fetch(`${site.url}${path}`, { method: route.method, headers, ...(writes && { body: '{}' }) });
          await response.arrayBuffer();
          const allowed = route.roles === 'public' || (role !== null && route.roles.includes(role));
          const refused = response.status === 401 || response.status === 403;
          const expectedStatus = role === null ? 401 : 403;
          if (allowed && refused) wrong.push(`${route.method} ${route.url} as ${role ?? 'anonymous'}: ${response.status}, expected it allowed`);
          if (!allowed && response.status !== expectedStatus) {
            wrong.push(`${route.method} ${route.url} as ${role ?? 'anonymous'}: ${response.status}, expected ${expectedStatus}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    }, 120_000);

    it('refuses every state-changing route without the CSRF token, even for an allowed role', async () => {
      const wrong: string[] = [];
      for (const route of adminRoutes) {
        if (['GET', 'HEAD'].includes(route.method) || route.roles === 'public') continue;
        const role = route.roles[0] as Role;
        const session = await freshSession(site.store, users.get(role) as number);
        for (const token of [undefined, 'not-the-token']) {
          const headers: Record<string, string> = { cookie: `dateline_session=${session.token}`, 'content-type': 'application/json' };
          if (token) headers['x-csrf-token'] = token;
          const response = await fetch(`${site.url}${concretePath(route.url)}`, { method: route.method, headers, body: '{}' });
          const body = (await response.json()) as { error?: { code?: string } };
          if (response.status !== 403 || body.error?.code !== 'FORBIDDEN') wrong.push(`${route.method} ${route.url} (token ${token ?? 'missing'}): ${response.status}`);
        }
      }
      expect(wrong).toEqual([]);
    }, 60_000);
  });
}
