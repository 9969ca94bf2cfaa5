import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

function directives(csp: string | null): Map<string, string> {
  return new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0] as string, d.slice(1).join(' ')]));
}

for (const dialect of DIALECTS) {
  describe(`the newsroom's content security policy (${dialect})`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect);
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    it('serves /admin with a strict CSP and no inline script, nosniff, no framing and a referrer policy', async () => {
      const response = await fetch(`${site.url}/admin/stories/1`);
      expect(response.status).toBe(200);
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('img-src')).not.toMatch(/https:|\*/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      const html = await response.text();
      // Every script is a file from this site: the policy needs no 'unsafe-inline' for scripts.
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\bsrc="\/admin\/assets\//);
      const asset = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      if (asset) expect((await fetch(`${site.url}${asset}`)).headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('answers the admin API with a policy that renders nothing, and nosniff', async () => {
      const session = await signedInAs(site.store, site.url, 'editor');
      const response = await session.call('GET', '/articles');
      expect(response.status).toBe(200);
      expect(directives(response.headers.get('content-security-policy')).get('default-src')).toBe("'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    });

    it("previews a story with script-src 'none', and with other sites' pictures only when the editor asks", async () => {
      const session = await signedInAs(site.store, site.url, 'editor');
      const created = await session.call('POST', '/articles', {
        headline: 'Preview with an agency picture',
        bodyHtml: '<p>Text.</p><figure><img src="https://pictures.agency.example/p/1.jpg" alt="Agency picture"></figure>',
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: number };
      const plain = await session.call('GET', `/articles/${id}/preview`);
      expect(plain.status).toBe(200);
      const csp = directives(plain.headers.get('content-security-policy'));
      expect(csp.get('script-src')).toBe("'none'");
      expect(csp.get('default-src')).toBe("'none'");
      // The editor's Preview shows this page in a frame of the newsroom app, so only this origin may frame it.
      expect(csp.get('frame-ancestors')).toBe("'self'");
      expect(plain.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(csp.get('img-src')).toBe("'self' data:");
      expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
      expect(plain.headers.get('referrer-policy')).toBe('same-origin');
      const chosen = await session.call('GET', `/articles/${id}/preview?images=external`);
      expect(directives(chosen.headers.get('content-security-policy')).get('img-src')).toBe("'self' data: https:");
      expect(directives(chosen.headers.get('content-security-policy')).get('script-src')).toBe("'none'");
      expect((await session.call('GET', `/articles/${id}/preview?images=everything`)).status).toBe(400);
    });
  });
}
