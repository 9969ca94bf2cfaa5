/**
 * Made-up stories for load tests: varied enough that pages differ in size
 * like real ones, cheap enough to make 100,000 in seconds. Deterministic
 * from the index so runs compare.
 */
const PLACES = ['Port Alder', 'Millbrook', 'Orca Point', 'Salt Marsh', 'Cedar Flats', 'Harlow Bay', 'Fern Hollow', 'North Spit'];
const SUBJECTS = ['council', 'school board', 'port commission', 'fire district', 'library board', 'transit agency', 'water utility', 'parks department'];
const ACTIONS = ['weighs', 'approves', 'delays', 'questions', 'expands', 'trims', 'revisits', 'backs'];
const OBJECTS = ['budget plan', 'ferry schedule', 'housing proposal', 'road repairs', 'levy vote', 'shoreline rules', 'bike lanes', 'storm response'];
const TAGS = ['Transportation', 'Housing', 'Education', 'Environment', 'Public safety', 'Budget', 'Weather', 'Port', 'Elections', 'Health'];
const SENTENCES = [
  'Officials said the decision would be revisited after a public comment period this winter.',
  'Residents who spoke at the meeting were divided, with several asking for more time to study the numbers.',
  'The proposal follows two years of planning and a consultant’s report released in the spring.',
  'Supporters argued the change would save money over the next decade, while critics questioned the estimates.',
  'A final vote is expected next month, once staff return with answers to the questions raised.',
  'Neighbors near the site said they had not been told about the plan until last week.',
  'The county’s share of the cost would come from reserves set aside after last year’s storms.',
  'State lawmakers from the district have said they will watch the outcome closely.',
];

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

export interface SyntheticStory {
  headline: string;
  slug: string;
  summary: string;
  bodyHtml: string;
  tags: string[];
}

export function syntheticStory(index: number): SyntheticStory {
  const place = pick(PLACES, index);
  const subject = pick(SUBJECTS, Math.floor(index / 3));
  const action = pick(ACTIONS, Math.floor(index / 7));
  const object = pick(OBJECTS, Math.floor(index / 11));
  const headline = `${place} ${subject} ${action} ${object}`;
  const paragraphs: string[] = [];
  for (let p = 0; p < 5 + (index % 4); p++) {
    const sentences = [0, 1, 2].map((s) => pick(SENTENCES, index + p * 3 + s));
    paragraphs.push(sentences.join(' '));
  }
  return {
    headline: `${headline.charAt(0).toUpperCase()}${headline.slice(1)}`,
    slug: `${place}-${subject}-${action}-${object}-${index}`.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    summary: `The ${place} ${subject} ${action} the ${object}; here is what it means for residents.`,
    bodyHtml: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
    tags: [pick(TAGS, index), pick(TAGS, Math.floor(index / 5) + 3)],
  };
}
