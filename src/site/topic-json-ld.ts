import { type Entity, schemaTypeOf, topicPath } from '../domain/entity.js';
import { absoluteUrl, type SiteContext } from './site-context.js';

/** An entity as schema.org sees it: a Person, Organization or Place with its topic page as its URL. */
export function entityJsonLd(entity: Pick<Entity, 'name' | 'kind' | 'slug' | 'description'>, site: Pick<SiteContext, 'url'>) {
  return {
    '@type': schemaTypeOf(entity.kind),
    name: entity.name,
    url: absoluteUrl(site, topicPath(entity)),
    ...(entity.description && { description: entity.description }),
  };
}

/**
 * Adds `about` (what the story names most, up to three) and `mentions`
 * (the rest) to a story's JSON-LD, from its confirmed entities only.
 */
export function withTopics<T extends object>(jsonLd: T, topics: ReadonlyArray<Pick<Entity, 'name' | 'kind' | 'slug' | 'description'>>, site: Pick<SiteContext, 'url'>): T {
  if (topics.length === 0) return jsonLd;
  const all = topics.map((t) => entityJsonLd(t, site));
  const about = all.slice(0, 3);
  const mentions = all.slice(3);
  return { ...jsonLd, about, ...(mentions.length > 0 && { mentions }) };
}
