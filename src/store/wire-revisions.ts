import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

type Exec = Kysely<Database>;

/**
 * A story's editable fields as one revision keeps them: the same JSON the
 * newsroom's history stores (newsroom/articles/article-snapshot.ts), so an
 * agency's version shows in the history and its diffs like an editor's save.
 */
export interface StorySnapshot {
  headline: string;
  slug: string;
  summary: string;
  bodyHtml: string;
  dateline: string | null;
  label: string;
  sponsorId: number | null;
  sectionId: number;
  authorIds: number[];
  tags: string[];
  leadMediaId: number | null;
  contributorNote: string | null;
}

const FIELDS = ['headline', 'slug', 'summary', 'bodyHtml', 'dateline', 'label', 'sponsorId', 'sectionId', 'authorIds', 'tags', 'leadMediaId', 'contributorNote'] as const;

/** The story's editable fields as they stand in this transaction. */
export async function storySnapshot(trx: Exec, articleId: number): Promise<StorySnapshot & { revision: number; modifiedAt: number }> {
  const row = await trx.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirstOrThrow();
  const authors = await trx.selectFrom('article_authors').select('author_id').where('article_id', '=', articleId).orderBy('position').execute();
  const tags = await trx
    .selectFrom('article_tags as at')
    .innerJoin('tags as t', 't.id', 'at.tag_id')
    .select('t.name')
    .where('at.article_id', '=', articleId)
    .orderBy('at.position')
    .execute();
  return {
    headline: row.headline,
    slug: row.slug,
    summary: row.summary,
    bodyHtml: row.body_html,
    dateline: row.dateline,
    label: row.label,
    sponsorId: row.sponsor_id,
    sectionId: row.section_id,
    authorIds: authors.map((a) => a.author_id),
    tags: tags.map((t) => t.name),
    leadMediaId: row.lead_media_id,
    contributorNote: row.contributor_note,
    revision: row.revision,
    modifiedAt: row.modified_at,
  };
}

/**
 * Records an agency's update as the story's next revision, by the agency's
 * name: an editor who opened the story before it gets the newsroom's 409
 * with what changed, and the history shows the agency's version. A story
 * that had no revisions yet first gets its state before the update kept, so
 * the change can be seen and undone. Does nothing when nothing changed.
 */
export async function recordAgencyRevision(
  trx: Exec,
  articleId: number,
  before: StorySnapshot & { revision: number; modifiedAt: number },
  by: string,
  at: Date,
): Promise<number | null> {
  const after = await storySnapshot(trx, articleId);
  const changed = FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
  if (changed.length === 0) return null;
  const hasAny = await trx.selectFrom('article_revisions').select('id').where('article_id', '=', articleId).limit(1).executeTakeFirst();
  if (!hasAny) {
    await trx
      .insertInto('article_revisions')
      .values({
        article_id: articleId,
        revision: before.revision,
        snapshot: JSON.stringify(pick(before)),
        changed_fields: JSON.stringify(FIELDS),
        user_id: null,
        user_name: null,
        at: before.modifiedAt,
      })
      .execute();
  }
  // Counted up in the row (not before + 1): an editor's save that committed meanwhile keeps its own number.
  const { revision } = await trx
    .updateTable('articles')
    .set({ revision: sql<number>`revision + 1` })
    .where('id', '=', articleId)
    .returning('revision')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('article_revisions')
    .values({
      article_id: articleId,
      revision,
      snapshot: JSON.stringify(pick(after)),
      changed_fields: JSON.stringify(changed),
      user_id: null,
      user_name: by,
      at: at.getTime(),
    })
    .execute();
  return revision;
}

function pick(snapshot: StorySnapshot): StorySnapshot {
  return Object.fromEntries(FIELDS.map((f) => [f, snapshot[f]])) as unknown as StorySnapshot;
}
