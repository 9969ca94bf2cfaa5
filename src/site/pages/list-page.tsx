import type { ComponentChildren } from 'preact';
import type { Teaser } from '../../domain/article.js';
import { Document, type PageMeta } from '../components/document.js';
import { Pager } from '../components/pager.js';
import { TeaserList } from '../components/teaser-list.js';
import type { SiteContext } from '../site-context.js';

export interface ListPageData {
  heading: string;
  /** Shown above the list: a description, sub-sections, an author's bio. */
  intro?: ComponentChildren;
  teasers: Teaser[];
  prev?: string | undefined;
  next?: string | undefined;
  empty: string;
  meta: Omit<PageMeta, 'prev' | 'next'>;
}

/** Section fronts, author pages and tag pages: a heading and a paged list of teasers. */
export function ListPage({ data, site }: { data: ListPageData; site: SiteContext }) {
  return (
    <Document site={site} meta={{ ...data.meta, prev: data.prev, next: data.next }}>
      <header class="list-header">
        <h1>{data.heading}</h1>
        {data.intro}
      </header>
      <TeaserList teasers={data.teasers} site={site} empty={data.empty} headingLevel={2} />
      <Pager prev={data.prev} next={data.next} />
    </Document>
  );
}
