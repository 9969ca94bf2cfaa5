import { DatelineError } from '../../domain/errors.js';
import { sanitizeStoryHtml } from '../../domain/sanitize-story-html.js';
import { sectionPath } from '../../domain/section.js';
import { type StaticPage, staticPathProblem } from '../../domain/static-page.js';
import type { Store } from '../../store/index.js';
import type { StaticPageInput } from '../../store/static-page-repo.js';

export interface AdminPage {
  id: number;
  path: string;
  title: string;
  description: string;
  bodyHtml: string;
  published: boolean;
  inFooter: boolean;
  position: number;
  modifiedAt: string;
}

function toAdmin(page: StaticPage): AdminPage {
  return { ...page, modifiedAt: page.modifiedAt.toISOString() };
}

/** Static pages as the newsroom edits them: paths checked, bodies through the editor's sanitizer. */
export class PageAdmin {
  constructor(private readonly store: Store) {}

  async list(): Promise<AdminPage[]> {
    return (await this.store.staticPages.all()).map(toAdmin);
  }

  async get(id: number): Promise<AdminPage> {
    const page = await this.store.staticPages.byId(id);
    if (!page) throw new DatelineError('NOT_FOUND', `There is no static page with id ${id}.`);
    return toAdmin(page);
  }

  async create(input: StaticPageInput, now: Date): Promise<AdminPage> {
    await this.checkPath(input.path, undefined);
    const id = await this.store.staticPages.create({ ...input, bodyHtml: sanitizeStoryHtml(input.bodyHtml) }, now);
    return this.get(id);
  }

  async update(id: number, patch: Partial<StaticPageInput>, now: Date): Promise<AdminPage> {
    await this.get(id);
    if (patch.path !== undefined) await this.checkPath(patch.path, id);
    await this.store.staticPages.update(id, { ...patch, ...(patch.bodyHtml !== undefined && { bodyHtml: sanitizeStoryHtml(patch.bodyHtml) }) }, now);
    return this.get(id);
  }

  async remove(id: number, now: Date): Promise<void> {
    await this.get(id);
    await this.store.staticPages.delete(id, now);
  }

  /** A page may not take a path the site or another page, a section front or a story already answers at. */
  private async checkPath(path: string, ownId: number | undefined): Promise<void> {
    const problem = staticPathProblem(path);
    if (problem) throw new DatelineError('BAD_INPUT', `The path "${path.slice(0, 80)}" cannot be used: ${problem}.`, { hint: 'Choose a path such as /about.' });
    const other = await this.store.staticPages.byPath(path);
    if (other && other.id !== ownId) throw new DatelineError('CONFLICT', `The page "${other.title}" is already at ${path}.`, { hint: 'Choose another path, or edit that page.' });
    const byId = await this.store.sections.byId();
    const section = [...byId.values()].find((s) => sectionPath(s, byId) === path);
    if (section) throw new DatelineError('CONFLICT', `The section front "${section.name}" is at ${path}.`, { hint: 'Choose another path.' });
    const story = await this.store.articles.byPath(path);
    if (story.kind !== 'none') throw new DatelineError('CONFLICT', `A story answers at ${path}.`, { hint: 'Choose another path.' });
  }
}
