/**
 * The shape of the demo newsroom's hand-written content. The seeder turns
 * these plain records into sections, authors, media and articles.
 */
export type DemoLabel = 'news' | 'opinion' | 'analysis' | 'sponsored';

export interface DemoPhoto {
  /** Key of a generated picture in demo-pictures.ts (several stories may share one file photo). */
  picture: string;
  /** The whole caption as a photo desk writes it; teasers shorten it. */
  caption: string;
  /** Copyright holder, shown as "Credit: NAME". */
  credit: string;
  /** Photographer and source, shown in parentheses after the credit. */
  source?: string;
  /** Alt text describing what the picture shows. */
  alt: string;
}

export interface DemoStory {
  /** Stable key, also the slug's seed. */
  key: string;
  /** Slug of the story's section (a top-level or a sub-section). */
  section: string;
  headline: string;
  summary: string;
  /** Paragraphs as plain text. A wire story's first paragraph starts with its dateline. */
  body: string[];
  /** Author keys, in byline order. */
  authors: string[];
  label: DemoLabel;
  /** Sponsor key; required when label is 'sponsored'. */
  sponsor?: string;
  /** Dateline as the agency or reporter wrote it, e.g. "PORT ALDER, Wash. (PWS)". */
  dateline?: string;
  /** The "… contributed to this report" note. */
  contributorNote?: string;
  tags: string[];
  /** Published this many hours before the demo is seeded. */
  hoursAgo: number;
  /** Updated this many hours before the demo is seeded (less than hoursAgo). */
  updatedHoursAgo?: number;
  photo: DemoPhoto;
}

export interface DemoAuthor {
  key: string;
  name: string;
  kind: 'person' | 'organization';
  bio: string;
  /** Key of a generated portrait or logo in demo-pictures.ts. */
  picture?: string;
}

export interface DemoSponsor {
  key: string;
  name: string;
  url: string;
  /** One sentence shown under the sponsor's name in the sponsored box. */
  blurb: string;
}

/** A picture the demo makes itself with sharp from an SVG scene: no downloads. */
export interface DemoPicture {
  key: string;
  /** What the scene is drawn as. */
  scene:
    | 'skyline'
    | 'harbor'
    | 'mountains'
    | 'stadium'
    | 'forest'
    | 'chamber'
    | 'portrait'
    | 'logo'
    | 'field'
    | 'market'
    | 'bridge'
    | 'rain'
    | 'baseball'
    | 'volleyball'
    | 'ferry'
    | 'rowing'
    | 'storefront';
  /** Colours of the scene, as CSS hex colours: sky, ground/water, accent. */
  palette: [string, string, string];
  /** Initials drawn on portraits and logos. */
  initials?: string;
  /** The name on a storefront's sign. */
  sign?: string;
  /** What the picture shows, in a sentence: the caption of every story using it must fit it. */
  shows?: string;
}
