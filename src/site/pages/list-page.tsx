import type { ComponentChildren } from 'preact';
import type { Teaser } from '../../domain/article.js';
import type { FilledSlot } from '../../domain/front-layout.js';
import { Document, type PageMeta } from '../components/document.js';
import { FrontSlots } from '../components/front-slots.js';
import { Pager } from '../components/pager.js';
import { TeaserList } from '../components/teaser-list.js';
import type { SiteContext } from '../site-context.js';

export interface ListPageData {
  heading: string;
  /** Shown above the list: a description, sub-sections, an author's bio. */
  intro?: ComponentChildren;
  teasers: Teaser[];
  /** A section front's first page: the desk's lead and top stories above the list. */
  slots?: FilledSlot<Teaser>[];
  prev?: string | undefined;
  next?: string | undefined;
  empty: string;
  meta: Omit<PageMeta, 'prev' | 'next'>;
}

/**
 * Section fronts, author pages and tag pages: a heading and a paged list of
 * teasers; a section front's first page opens with its lead and top stories.
 */
export function ListPage({ data, site }: { data: ListPageData; site: SiteContext }) {
  const slots = data.slots ?? [];
  return (
    <Document site={site} meta={{ ...data.meta, prev: data.prev, next: data.next }}>
      <header class="list-header">
        <h1>{data.heading}</h1>
        {data.intro}
      </header>
      {slots.length > 0 ? (
        <>
          <FrontSlots slots={slots} site={site} />
          {data.teasers.length > 0 && (
            <section class="front-river" aria-labelledby="river-heading">
              <h2 id="river-heading">Latest in {data.heading}</h2>
              <TeaserList teasers={data.teasers} site={site} />
            </section>
          )}
        </>
      ) : (
        <TeaserList teasers={data.teasers} site={site} empty={data.empty} headingLevel={2} />
      )}
      <Pager prev={data.prev} next={data.next} />
    </Document>
  );
}
