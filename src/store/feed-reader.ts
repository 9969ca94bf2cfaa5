
import type { Article, } from '../domain/article.js';
import type { Tag } from '../domain/tag.js';
import { notesFor } from './article-notes.js';
import type { AuthorRepo } from './author-repo.js';
import type { Db } from './database.js';
import type { MediaRepo } from './media-repo.js';
import { articleFields } from './rows.js';
import type { SectionRepo } from './section-repo.js';
import type { SponsorRepo } from './sponsor-repo.js';

/** A whole story for a feed, with when its record was made: feed ids are built from it and never change. */
export type FeedArticle = Article & { createdAt: Date };

/**
 * Loads whole stories (bodies, tags, authors, pictures) for feeds, a list at
 * a time: a fixed number of queries however many stories a feed holds.
 * Which stories a feed lists is ArticleReader.list's job; this only fills them in.
 */
export class FeedReader {
  constructor(
    private readonly db: Db,
    private readonly sections: SectionRepo,
    private readonly authors: AuthorRepo,
    private readonly media: MediaRepo,
    private readonly sponsors: SponsorRepo,
  ) {}

  /** The stories with these ids, in the order given; ids that no longer exist are left out. */
  async byIds(ids: readonly number[]): Promise<FeedArticle[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const rows = await this.db.kysely.selectFrom('articles').selectAll().where('id', 'in', unique).execute();
    const [authors, tags, media, sponsors, byId, notes] = await Promise.all([
      this.authors.forArticles(unique),
      this.tagsFor(unique),
      this.media.many(rows.flatMap((r) => (r.lead_media_id === null ? [] : [r.lead_media_id]))),
      this.sponsors.many(rows.flatMap((r) => (r.sponsor_id === null ? [] : [r.sponsor_id]))),
      this.sections.byId(),
      notesFor(this.db, unique),
    ]);
    const rowById = new Map(rows.map((row) => [row.id, row]));
    return unique.flatMap((id) => {
      const row = rowById.get(id);
      const section = row && byId.get(row.section_id);
      if (!row || !section) return [];
      return [
        {
          ...articleFields(row),
          section,
          authors: authors.get(id) ?? [],
          tags: tags.get(id) ?? [],
          leadMedia: row.lead_media_id === null ? null : (media.get(row.lead_media_id) ?? null),
          sponsor: row.sponsor_id === null ? null : (sponsors.get(row.sponsor_id) ?? null),
          corrections: notes.get(id) ?? [],
          createdAt: new Date(row.created_at),
        },
      ];
    });
  }

  private async tagsFor(articleIds: readonly number[]): Promise<Map<number, Tag[]>> {
    const rows = await this.db.kysely
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select(['at.article_id', 't.id', 't.slug', 't.name'])
      .where('at.article_id', 'in', [...articleIds])
      .orderBy('at.article_id')
      .orderBy('at.position')
      .execute();
    const result = new Map<number, Tag[]>();
    for (const { article_id, id, slug, name } of rows) {
      const list = result.get(article_id) ?? [];
      list.push({ id, slug, name });
      result.set(article_id, list);
    }
    return result;
  }
}
