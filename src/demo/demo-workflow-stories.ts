/**
 * Stories still in the newsroom's hands when the demo starts, so a new user
 * sees the workflow at once: two drafts being written and one submitted for
 * an editor's review. None of them is published, so readers never see them.
 * Everything here is invented, like the rest of the Cedar Coast Dispatch.
 */
export interface DemoWorkflowStory {
  key: string;
  section: string;
  status: 'draft' | 'submitted';
  headline: string;
  summary: string;
  /** Paragraphs as plain text. */
  body: string[];
  authors: string[];
  tags: string[];
  dateline?: string;
  /** Last edited this many hours before the demo is seeded. */
  hoursAgo: number;
}

export const demoWorkflowStories: DemoWorkflowStory[] = [
  {
    key: 'ferry-dock-repairs-draft',
    section: 'local',
    status: 'draft',
    headline: 'Ferry dock repairs could close the Alder Point landing for three weeks in March',
    summary: 'Port engineers say rotted pilings under the passenger ramp must be replaced before the spring schedule starts.',
    body: [
      'Port of Cedar County engineers want to close the Alder Point ferry landing for up to three weeks in March to replace 22 pilings under the passenger ramp, according to a draft work plan the port commission will take up next Tuesday.',
      'A diver survey in December found rot in the timber pilings that carry the ramp, said port engineer Kwame Asante. “Nothing is about to fall down,” he said, “but we would rather fix it in March than in July with a full boat waiting.”',
      '[TODO: ask the ferry operator how the 6:10 a.m. commuter run would be rerouted — Harbor Street landing? Call back Thursday.]',
    ],
    authors: ['june-halvorsen'],
    tags: ['Port of Cedar County', 'Ferries'],
    dateline: 'ALDER POINT',
    hoursAgo: 2,
  },
  {
    key: 'gulls-pitching-prospects-draft',
    section: 'sports',
    status: 'draft',
    headline: 'Three arms to watch as the Gulls open spring camp',
    summary: 'A left-hander from Astoria and two returning relievers will decide how far the Port Alder Gulls go this summer.',
    body: [
      'The Port Alder Gulls report to Harbor Field on Saturday with a lineup that looks much like last year’s and a pitching staff that does not.',
      'Manager Rosa Lindqvist lost two starters to the college ranks over the winter. She will spend the first weeks of camp finding out whether a left-hander from Astoria and two relievers who finished last season strong can carry more innings.',
    ],
    authors: ['theo-brandt'],
    tags: ['Port Alder Gulls', 'Baseball'],
    hoursAgo: 5,
  },
  {
    key: 'school-bus-routes-submitted',
    section: 'local',
    status: 'submitted',
    headline: 'Cedar County schools redraw bus routes after driver shortage eases',
    summary: 'Nine new drivers let the district bring back four rural routes it cut in the fall; pickup times change on Feb. 3.',
    body: [
      'Cedar County School District will restore four rural bus routes on Feb. 3 after hiring nine drivers since November, transportation director Lena Marsh told the school board on Monday.',
      'The routes, cut in September when the district was 12 drivers short, serve families along the Sitka River road and the north shore. Since the cuts, some students there have spent more than an hour on a bus each way.',
      'Most pickup times on the restored routes will be between 6:55 and 7:20 a.m. The district will mail new schedules this week and post them on its website.',
      '“We asked a lot of those families this fall,” Marsh said. “This gives them their mornings back.”',
    ],
    authors: ['daniel-reyes'],
    tags: ['Schools', 'Transportation'],
    dateline: 'PORT ALDER',
    hoursAgo: 1,
  },
];
