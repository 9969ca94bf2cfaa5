import { demoNewsroom } from './demo-newsroom.js';
import type { DemoAuthor, DemoSponsor } from './demo-story.js';

/** The staff writers and the wire agency (content/newsroom.yaml). */
export const demoAuthors: DemoAuthor[] = demoNewsroom.authors;

/** Local advertisers whose content appears in clearly labelled sponsored boxes (content/newsroom.yaml). */
export const demoSponsors: DemoSponsor[] = demoNewsroom.sponsors;
