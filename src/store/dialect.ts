/** The two databases Dateline runs on. */
export type Dialect = 'sqlite' | 'postgres';
