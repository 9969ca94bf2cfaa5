import type { ListInput } from '../store/index.js';
import { readYaml } from './demo-content.js';
import type { DemoAuthor, DemoSponsor } from './demo-story.js';

/**
 * The newsroom of the Cedar Coast Dispatch, a fictional regional news site
 * covering fictional Cedar County on the Washington coast, as
 * content/newsroom.yaml describes it: sections in menu order, the staff and
 * the wire agency, the advertisers of the sponsored stories, the newsletters.
 */
export interface DemoSection {
  slug: string;
  name: string;
  description: string;
  parent?: string;
}

export interface DemoNewsroom {
  sections: DemoSection[];
  authors: DemoAuthor[];
  sponsors: DemoSponsor[];
  newsletters: ListInput[];
}

export function readDemoNewsroom(): DemoNewsroom {
  const file = readYaml('newsroom.yaml').only(['sections', 'authors', 'sponsors', 'newsletters']);
  return {
    sections: file.list('sections').map((s) => {
      s.only(['slug', 'name', 'description', 'parent']);
      return { slug: s.string('slug'), name: s.string('name'), description: s.string('description'), parent: s.optionalString('parent') };
    }),
    authors: file.list('authors').map((a) => {
      a.only(['key', 'name', 'kind', 'bio', 'picture']);
      return { key: a.string('key'), name: a.string('name'), kind: a.oneOf('kind', ['person', 'organization'] as const), bio: a.string('bio'), picture: a.optionalString('picture') };
    }),
    sponsors: file.list('sponsors').map((s) => {
      s.only(['key', 'name', 'url', 'blurb']);
      return { key: s.string('key'), name: s.string('name'), url: s.string('url'), blurb: s.string('blurb') };
    }),
    newsletters: file.list('newsletters').map((n) => {
      n.only(['slug', 'name', 'description', 'fromName', 'fromAddress', 'replyTo', 'kind', 'sendAt']);
      return {
        slug: n.string('slug'),
        name: n.string('name'),
        description: n.string('description'),
        fromName: n.string('fromName'),
        fromAddress: n.string('fromAddress'),
        replyTo: n.optionalString('replyTo') ?? null,
        kind: n.oneOf('kind', ['digest', 'alerts'] as const),
        sendAt: n.optionalString('sendAt') ?? null,
      };
    }),
  };
}

export const demoNewsroom: DemoNewsroom = readDemoNewsroom();
