/** Which picture a rendition key belongs to (migration 0025): the public route's lookup. */
export interface MediaKeyTable {
  key: string;
  media_id: number;
}

/** A picture a story's body shows (figure or embedded rendition URL), kept with every body write (0025). */
export interface ArticleMediaTable {
  article_id: number;
  media_id: number;
}
