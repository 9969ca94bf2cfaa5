import { readMarkdownFolder } from './demo-content.js';

/**
 * Stories still in the newsroom's hands when the demo starts, so a new user
 * sees the workflow at once: drafts being written and one submitted for an
 * editor's review. None of them is published, so readers never see them.
 * Each is a Markdown file in content/in-progress/, named for its slug.
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

const FIELDS = ['section', 'status', 'headline', 'summary', 'authors', 'tags', 'dateline', 'hoursAgo'];

export function readDemoWorkflowStories(): DemoWorkflowStory[] {
  return readMarkdownFolder('in-progress').map(({ key, fields, paragraphs }) => {
    const f = fields.only(FIELDS);
    return {
      key,
      section: f.string('section'),
      status: f.oneOf('status', ['draft', 'submitted'] as const),
      headline: f.string('headline'),
      summary: f.string('summary'),
      body: paragraphs,
      authors: f.strings('authors'),
      tags: f.strings('tags'),
      dateline: f.optionalString('dateline'),
      hoursAgo: f.number('hoursAgo'),
    };
  });
}

export const demoWorkflowStories: DemoWorkflowStory[] = readDemoWorkflowStories();
