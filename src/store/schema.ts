import type { Generated } from 'kysely';

/**
 * The database as Kysely sees it. Times are integers of milliseconds since
 * the Unix epoch in UTC (see docs/decisions/0002-times-as-epoch-milliseconds.md);
 * booleans are 0/1 so both databases read them alike.
 */
export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  parent_id: number | null;
  position: number;
  in_menu: number;
}

export interface AuthorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: 'person' | 'organization';
  bio: string;
  picture_id: number | null;
}

export interface MediaTable {
  id: Generated<number>;
  original_name: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  caption: string;
  credit: string;
  source: string;
  alt: string;
  /** JSON array of renditions; written once when the picture is processed. */
  renditions: string;
  created_at: number;
}

export interface SponsorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  url: string;
  blurb: string;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ArticleTable {
  id: Generated<number>;
  slug: string;
  path: string;
  section_id: number;
  /** The top-level section above section_id, kept so fronts list a whole tree from one index. */
  root_section_id: number;
  headline: string;
  summary: string;
  body_html: string;
  dateline: string | null;
  label: string;
  status: string;
  sponsor_id: number | null;
  lead_media_id: number | null;
  contributor_note: string | null;
  published_at: number | null;
  updated_at: number | null;
  created_at: number;
  modified_at: number;
}

export interface ArticleAuthorTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  position: number;
}

/** Paths a story answered at before; they redirect to its current path. */
export interface ArticlePathTable {
  path: string;
  article_id: number;
  created_at: number;
}

export interface ArticleEventTable {
  id: Generated<number>;
  article_id: number;
  kind: string;
  at: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  sections: SectionTable;
  authors: AuthorTable;
  media: MediaTable;
  sponsors: SponsorTable;
  tags: TagTable;
  articles: ArticleTable;
  article_authors: ArticleAuthorTable;
  article_tags: ArticleTagTable;
  article_paths: ArticlePathTable;
  article_events: ArticleEventTable;
  meta: MetaTable;
}
