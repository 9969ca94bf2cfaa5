import { type Static, type TSchema, Type } from 'typebox';

/**
 * The content API's shapes. One schema each gives the handler its type,
 * checks the input, serialises the output (fast-json-stringify drops any
 * field not listed here) and becomes the OpenAPI document.
 */

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const absoluteUrl = (description: string) => Type.String({ format: 'uri', description });
const zoned = (description: string) => Type.String({ format: 'date-time', description: `${description}, ISO 8601 with the site time zone's offset` });
const utc = (description: string) => Type.String({ format: 'date-time', description: `${description}, ISO 8601 in UTC` });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable code (see docs/errors.md); branch on this, not on the message' }),
      message: Type.String({ description: 'What was wrong' }),
      hint: Type.String({ description: 'What to do about it' }),
    }),
  },
  { description: 'An error' },
);

export const Rendition = Type.Object({
  format: Type.Union([Type.Literal('avif'), Type.Literal('webp'), Type.Literal('jpeg')]),
  width: Type.Integer(),
  height: Type.Integer(),
  url: absoluteUrl('Where the encoded picture is'),
});

export const Image = Type.Object({
  caption: Type.String(),
  credit: Type.String({ description: 'Copyright holder; show as "Credit: NAME"' }),
  source: Type.String({ description: 'Photographer and agency' }),
  alt: Type.String({ description: 'Text alternative for readers who cannot see the picture' }),
  copyrightNotice: Type.String({ description: 'The rights line the agency or the file gave, e.g. "Copyright 2010 Getty Images"; empty when none. Print it with the credit' }),
  width: Type.Integer(),
  height: Type.Integer(),
  renditions: Type.Array(Rendition),
});

export const SectionRef = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  path: Type.String({ description: 'Path of the section front, e.g. /news/politics' }),
  url: absoluteUrl('The section front on the site'),
});

export const AuthorRef = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('person'), Type.Literal('organization')]),
  url: absoluteUrl("The author's page on the site"),
});

export const TagRef = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  url: absoluteUrl("The tag's page on the site"),
});

export const Sponsor = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  url: Type.String({ description: "The advertiser's site" }),
  blurb: Type.String(),
});

const Label = Type.Union([Type.Literal('news'), Type.Literal('opinion'), Type.Literal('analysis'), Type.Literal('sponsored')]);

const teaserFields = {
  id: Type.Integer(),
  url: absoluteUrl('The story on the site'),
  path: Type.String({ description: 'Current path of the story' }),
  headline: Type.String(),
  summary: Type.String(),
  label: Label,
  section: SectionRef,
  publishedAt: zoned('When the story first went public'),
  publishedAtUtc: utc('When the story first went public'),
  authors: Type.Array(AuthorRef, { description: 'In byline order' }),
  leadImage: nullable(Image),
  sponsor: nullable(Sponsor),
};

export const Teaser = Type.Object(
  { ...teaserFields, excerpt: Type.String({ description: 'Opening of the body as plain text, cut at a word and ended with […]' }) },
  { description: 'A story in a list (no body)' },
);

export const Article = Type.Object(
  {
    ...teaserFields,
    bodyHtml: Type.String({ description: 'Sanitized HTML of the body' }),
    dateline: nullable(Type.String({ description: 'Where the story was reported, e.g. PORT ALDER, Wash. (PWS)' })),
    updatedAt: nullable(zoned('When readers were told the story changed')),
    updatedAtUtc: nullable(utc('When readers were told the story changed')),
    tags: Type.Array(TagRef),
    contributorNote: nullable(Type.String()),
    copyrightNotice: nullable(Type.String({ description: "A wire story's rights line as the agency gave it, e.g. \"Copyright 2019, dpa\"; print it with the story. Null for the newsroom's own stories" })),
    copyrightHolder: nullable(Type.String({ description: 'Who holds the rights to a wire story, as the agency named them; null for the newsroom\'s own stories' })),
  },
  { description: 'A whole story' },
);

const pageFields = {
  nextCursor: nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page' })),
  next: nullable(absoluteUrl('The next page, ready to request; null on the last page')),
};

export const ArticleList = Type.Object({ data: Type.Array(Teaser), ...pageFields }, { description: 'A page of stories, newest first' });

export const Section = Type.Object({
  ...SectionRef.properties,
  description: Type.String(),
  parent: nullable(Type.String({ description: 'Slug of the top-level section above this one' })),
  inMenu: Type.Boolean({ description: "Whether the site's menu shows it" }),
  articles: absoluteUrl("This section's stories in the API (a top-level section includes its sub-sections)"),
});

export const SectionNode = Type.Object(
  { ...Section.properties, children: Type.Array(Section, { description: 'Sub-sections in menu order' }) },
  { description: 'A section with its sub-sections' },
);

export const SectionTree = Type.Object(
  { data: Type.Array(SectionNode, { description: 'Top-level sections in menu order' }) },
  { description: 'Every section, as a tree' },
);

export const Author = Type.Object({
  ...AuthorRef.properties,
  bio: Type.String(),
  picture: nullable(Image),
  articles: absoluteUrl("This author's stories in the API"),
}, { description: 'An author' });

export const AuthorList = Type.Object({ data: Type.Array(Author), ...pageFields }, { description: 'A page of authors in slug order' });

export const Tag = Type.Object({ ...TagRef.properties, articles: absoluteUrl('Stories with this tag in the API') }, { description: 'A tag' });

export const TagList = Type.Object({ data: Type.Array(Tag), ...pageFields }, { description: 'A page of tags in slug order' });

export const SearchHit = Type.Object({
  ...Teaser.properties,
  snippetHtml: Type.String({ description: 'Where the words matched, with <mark> around them' }),
});

export const SearchResults = Type.Object({
  data: Type.Array(SearchHit),
  total: Type.Integer({ description: 'How many stories match, counted up to a cap' }),
  capped: Type.Boolean({ description: 'Whether more stories match than `total` counts' }),
  ...pageFields,
}, { description: 'Matching stories, best first' });

// Inputs. Unknown parameters are refused, so a misspelt filter is a 400, not a silently unfiltered list.

const slug = (what: string) => Type.String({ minLength: 1, maxLength: 200, description: `Slug of ${what}` });
const limit = (max: number, fallback: number) =>
  Type.Integer({ minimum: 1, maximum: max, description: `How many to return, 1 to ${max} (default ${fallback})` });
const cursor = Type.String({ minLength: 1, maxLength: 200, description: 'The `nextCursor` of the previous page' });

export const ArticleListQuery = Type.Object(
  {
    section: Type.Optional(slug('a section; a top-level section includes its sub-sections')),
    author: Type.Optional(slug('an author')),
    tag: Type.Optional(slug('a tag')),
    limit: Type.Optional(limit(100, 20)),
    cursor: Type.Optional(cursor),
  },
  { additionalProperties: false },
);

export const PageQuery = Type.Object(
  { limit: Type.Optional(limit(200, 100)), cursor: Type.Optional(cursor) },
  { additionalProperties: false },
);

export const NoQuery = Type.Object({}, { additionalProperties: false });

export const ByUrlQuery = Type.Object(
  { url: Type.String({ minLength: 1, maxLength: 2000, description: 'A story URL on the site, or just its path' }) },
  { additionalProperties: false },
);

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200, description: 'Words to look for' }),
    section: Type.Optional(slug('a section to search in')),
    from: Type.Optional(Type.String({ format: 'date', description: 'Published on or after this day (YYYY-MM-DD, site time zone)' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Published on or before this day (YYYY-MM-DD, site time zone)' })),
    limit: Type.Optional(limit(50, 20)),
    cursor: Type.Optional(cursor),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'The story id' }) });
export const SlugParams = Type.Object({ slug: slug('the record') });

export type ArticleJson = Static<typeof Article>;
export type TeaserJson = Static<typeof Teaser>;
export type ImageJson = Static<typeof Image>;
export type SectionJson = Static<typeof Section>;
export type AuthorJson = Static<typeof Author>;
export type TagJson = Static<typeof Tag>;
export type ErrorJson = Static<typeof ErrorBody>;
