import type { DemoAuthor, DemoSponsor } from './demo-story.js';

/**
 * The newsroom of the Cedar Coast Dispatch, a fictional regional news site
 * covering fictional Cedar County on the Washington coast.
 */
export const demoAuthors: DemoAuthor[] = [
  {
    key: 'maya-okafor',
    name: 'Maya Okafor',
    kind: 'person',
    bio: 'Maya Okafor covers Port Alder City Hall, the Cedar County Commission and elections. She joined the Dispatch after six years at a statehouse bureau in Olympia.',
    picture: 'portrait-maya-okafor',
  },
  {
    key: 'june-halvorsen',
    name: 'June Halvorsen',
    kind: 'person',
    bio: 'June Halvorsen reports on the environment, fisheries, weather and the ferry system. She grew up on a gillnetter out of Orca Point and still keeps a tide table taped to her monitor.',
    picture: 'portrait-june-halvorsen',
  },
  {
    key: 'daniel-reyes',
    name: 'Daniel Reyes',
    kind: 'person',
    bio: 'Daniel Reyes is the Dispatch’s sports editor, covering the Port Alder Harbor Hawks, college athletics and every high school gym in Cedar County.',
    picture: 'portrait-daniel-reyes',
  },
  {
    key: 'theo-brandt',
    name: 'Theo Brandt',
    kind: 'person',
    bio: 'Theo Brandt edits the opinion pages and writes the weekly “Low Tide” column. He has lived in Port Alder for 31 years and answers every letter, eventually.',
    picture: 'portrait-theo-brandt',
  },
  {
    key: 'pacific-wire',
    name: 'Pacific Wire Service',
    kind: 'organization',
    bio: 'Pacific Wire Service (PWS) is a cooperative news agency supplying state, national and international reporting to member newsrooms across the Pacific Northwest.',
    picture: 'logo-pacific-wire',
  },
];

/** Local advertisers whose content appears in clearly labelled sponsored boxes. */
export const demoSponsors: DemoSponsor[] = [
  {
    key: 'tidewater-credit-union',
    name: 'Tidewater Community Credit Union',
    url: 'https://example.com/tidewater-credit-union',
    blurb: 'A member-owned credit union serving Cedar County families, fishers and small businesses since 1958.',
  },
  {
    key: 'harbor-light-hardware',
    name: 'Harbor Light Hardware & Marine',
    url: 'https://example.com/harbor-light-hardware',
    blurb: 'Tools, marine supplies and storm gear on Front Street in Port Alder, family-run for three generations.',
  },
];
