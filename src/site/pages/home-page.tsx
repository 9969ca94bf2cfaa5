import type { Teaser } from '../../domain/article.js';
import type { FilledSlot } from '../../domain/front-layout.js';
import type { Section } from '../../domain/section.js';
import { Document } from '../components/document.js';
import { FrontSlots } from '../components/front-slots.js';
import { SponsoredBox } from '../components/sponsored-box.js';
import { TeaserList } from '../components/teaser-list.js';
import { feedLinks, feedTitle } from '../feeds/feed-links.js';
import type { SiteContext } from '../site-context.js';

export interface SectionBlock {
  section: Section;
  path: string;
  teasers: Teaser[];
}

export interface HomePageData {
  /** The curated lead and top stories (pinned by the desk, else the newest with photos). */
  slots: FilledSlot<Teaser>[];
  /** The newest stories not in a slot. */
  latest: Teaser[];
  blocks: SectionBlock[];
  sponsored: Teaser[];
}

/** The front page: the desk's lead and top stories, the latest list, then a block per section. */
export function HomePage({ data, site }: { data: HomePageData; site: SiteContext }) {
  const { slots, latest, blocks, sponsored } = data;
  return (
    <Document
      site={site}
      meta={{
        title: `${site.name}: ${site.description}`,
        description: site.description,
        path: '/',
        type: 'website',
        feeds: feedLinks('/', feedTitle(site.name)),
        jsonLd: {
          '@context': 'https://schema.org',
          '@type': 'WebSite',
          name: site.name,
          url: site.url,
          publisher: { '@type': 'NewsMediaOrganization', name: site.name, url: site.url },
        },
      }}
    >
      <h1 class="visually-hidden">{site.name}</h1>
      <FrontSlots slots={slots} site={site} />
      {latest.length > 0 && (
        <section class="front-latest" aria-labelledby="latest-heading">
          <h2 id="latest-heading">Latest</h2>
          <TeaserList teasers={latest} site={site} />
        </section>
      )}
      <div class="front-blocks">
        {blocks.map((block) => (
          <section class="front-block" key={block.section.id} aria-labelledby={`block-${block.section.slug}`}>
            <h2 id={`block-${block.section.slug}`}>
              <a href={block.path}>{block.section.name}</a>
            </h2>
            <TeaserList teasers={block.teasers} site={site} />
          </section>
        ))}
        <SponsoredBox items={sponsored} />
      </div>
    </Document>
  );
}
