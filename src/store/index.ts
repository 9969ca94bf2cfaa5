import { ArticleReader } from './article-reader.js';
import { ArticleWriter } from './article-writer.js';
import { AuthorRepo } from './author-repo.js';
import { ChangeFeed } from './change-feed.js';
import type { Db } from './database.js';
import { MediaRepo } from './media-repo.js';
import { MetaRepo } from './meta-repo.js';
import { SectionRepo } from './section-repo.js';
import { SponsorRepo } from './sponsor-repo.js';
import { TagRepo } from './tag-repo.js';

export type { ListPage, ListQuery, ListScope, PathLookup } from './article-reader.js';
export type { ArticleInput, ArticlePatch } from './article-writer.js';
export { type Db, openDatabase, redactUrl } from './database.js';
export type { Change } from './change-feed.js';
export type { Dialect } from './dialect.js';
export { migrate } from './migrate.js';

/** Every repository over one database. */
export interface Store {
  db: Db;
  sections: SectionRepo;
  media: MediaRepo;
  authors: AuthorRepo;
  sponsors: SponsorRepo;
  tags: TagRepo;
  articles: ArticleReader;
  articleWriter: ArticleWriter;
  meta: MetaRepo;
  /** Content changes, from this process and (PostgreSQL) other nodes. */
  changes: ChangeFeed;
  /** Whether the database answers, for /healthz. */
  ping(): Promise<boolean>;
}

export function createStore(db: Db): Store {
  const changes = new ChangeFeed(db);
  const sections = new SectionRepo(db, changes);
  const media = new MediaRepo(db);
  const authors = new AuthorRepo(db, media);
  const sponsors = new SponsorRepo(db);
  const tags = new TagRepo(db);
  return {
    db,
    sections,
    media,
    authors,
    sponsors,
    tags,
    articles: new ArticleReader(db, sections, authors, media, sponsors, tags),
    articleWriter: new ArticleWriter(db, sections, changes),
    changes,
    meta: new MetaRepo(db),
    async ping() {
      try {
        await db.kysely.selectFrom('meta').select('key').limit(1).execute();
        return true;
      } catch {
        return false;
      }
    },
  };
}
