/** A thing taken from another system and the row it became (migration 0017). */
export interface ImportKeyTable {
  /** The system and site: `wordpress:https://example.com`, `ghost:…`. */
  source: string;
  /** What names the thing there: `post:123`, `author:jo@example.com`, `category:news`. */
  key: string;
  kind: string;
  target_id: number;
  created_at: number;
}

/** An old address that is not a story's, and where it now lives (migration 0017). */
export interface RedirectTable {
  path: string;
  target: string;
  created_at: number;
}
