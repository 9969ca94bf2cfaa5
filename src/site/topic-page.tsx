import { type Entity, topicPath } from '../domain/entity.js';
import type { Media } from '../domain/media.js';
import { ResponsiveImage } from './components/responsive-image.js';
import { feedLinks, feedTitle } from './feeds/feed-links.js';
import type { ListPageData } from './pages/list-page.js';
import type { SiteContext } from './site-context.js';
import { entityJsonLd } from './topic-json-ld.js';

const KIND_WORD = { person: 'Person', organization: 'Organization', place: 'Place' } as const;

/** A topic page (/topics/{slug}): the entity's name, kind, description and picture above its stories, with a Person, Organization or Place in JSON-LD. */
export function topicPageData(entity: Entity, picture: Media | undefined, site: SiteContext): Omit<ListPageData, 'teasers' | 'prev' | 'next'> {
  const path = topicPath(entity);
  return {
    heading: entity.name,
    intro: (
      <div class="author-intro topic-intro">
        {picture && <ResponsiveImage media={picture} alt={picture.alt || entity.name} sizes="96px" width={192} />}
        <div>
          <p class="list-kicker">{KIND_WORD[entity.kind]}</p>
          {entity.description && <p>{entity.description}</p>}
        </div>
      </div>
    ),
    empty: `No published stories name ${entity.name} yet.`,
    meta: {
      title: `${entity.name} | ${site.name}`,
      description: entity.description || `Stories about ${entity.name} from ${site.name}.`,
      path,
      type: 'website',
      feeds: feedLinks(path, feedTitle(site.name, entity.name)),
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'CollectionPage',
        name: entity.name,
        mainEntity: entityJsonLd(entity, site),
      },
    },
  };
}
