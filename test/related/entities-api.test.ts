import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminSession, createUser, signIn } from '../support/admin-session.js';
import { startTestSite, type TestSite } from '../support/test-site.js';
import { type LoadedStory, loadCorpus, relatedSettled } from './corpus-support.js';

// The Entities API as an attacker and a careless editor use it: every bad input is refused with a clear error.
describe('the entities API refuses what it must', () => {
  let site: TestSite;
  let editor: AdminSession;
  let stories: LoadedStory[];
  let voss: number;
  let okafor: number;

  beforeAll(async () => {
    site = await startTestSite('sqlite', { demo: false });
    stories = await loadCorpus(site.store, new Date());
    await relatedSettled(site.store);
    const user = await createUser(site.store, 'editor');
    editor = await signIn(site.url, user.email);
    const byName = async (name: string) => Number((await site.store.db.kysely.selectFrom('entities').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);
    voss = await byName('Elena Voss');
    okafor = await byName('Raymond Okafor');
  }, 180_000);

  afterAll(async () => {
    await site?.close();
  });

  async function refused(method: string, path: string, body: unknown, status: number, code: string) {
    const response = await editor.call(method, path, body);
    const text = await response.text();
    expect(response.status, text).toBe(status);
    expect(JSON.parse(text).error.code).toBe(code);
  }

  it('refuses markup in a name, an over-long description, a bad slug and unknown fields', async () => {
    await refused('PATCH', `/entities/${voss}`, { name: '<script>alert(1)</script>' }, 400, 'BAD_INPUT');
    await refused('PATCH', `/entities/${voss}`, { description: 'x'.repeat(501) }, 400, 'BAD_INPUT');
    await refused('PATCH', `/entities/${voss}`, { slug: 'Not A Slug' }, 400, 'BAD_INPUT');
    await refused('PATCH', `/entities/${voss}`, { status: 'public' }, 400, 'BAD_INPUT');
    await refused('PATCH', `/entities/${voss}`, { pictureId: 99999 }, 400, 'BAD_INPUT');
    await refused('PATCH', '/entities/999999', { name: 'Nobody' }, 404, 'NOT_FOUND');
  });

  it('refuses to merge an entity into itself, to give one entity another’s name, and to relate a story to itself', async () => {
    await refused('POST', `/entities/${voss}/merge`, { into: voss }, 400, 'BAD_INPUT');
    await refused('POST', `/entities/${voss}/aliases`, { name: 'Raymond Okafor' }, 409, 'CONFLICT');
    await refused('PATCH', `/entities/${okafor}`, { name: 'Elena Voss' }, 409, 'CONFLICT');
    const story = stories[0]!;
    await refused('POST', `/articles/${story.id}/related`, { relatedId: story.id, action: 'pin' }, 400, 'BAD_INPUT');
    await refused('POST', `/articles/${story.id}/related`, { relatedId: 999999, action: 'pin' }, 404, 'NOT_FOUND');
  });

  it('renames an entity, keeps the old name as an alias and moves its topic page with the slug', async () => {
    const response = await editor.call('PATCH', `/entities/${voss}`, { name: 'Mayor Elena Voss-Hart', slug: 'elena-voss-hart' });
    expect(response.status).toBe(200);
    expect((await fetch(`${site.url}/topics/elena-voss-hart`)).status).toBe(200);
    expect((await fetch(`${site.url}/topics/elena-voss`)).status).toBe(404);
    const list = (await (await editor.call('GET', '/entities?status=confirmed&q=voss')).json()) as { items: Array<{ id: number; aliases: string[] }> };
    expect(list.items.find((e) => e.id === voss)?.aliases).toContain('Elena Voss');
  });
});
