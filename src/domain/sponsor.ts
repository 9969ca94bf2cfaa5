/** An advertiser whose paid content runs on the site, always labelled. */
export interface Sponsor {
  id: number;
  slug: string;
  name: string;
  url: string;
  blurb: string;
}
