import type { Teaser } from '../../domain/article.js';
import type { FilledSlot } from '../../domain/front-layout.js';
import type { SiteContext } from '../site-context.js';
import { TeaserItem } from './teaser-item.js';

/**
 * The curated top of a front: the lead story (its photo large) and the top
 * stories beside it. A slot with no story is never drawn, and a story with
 * no photo is drawn without a picture box, so nothing leaves a hole.
 */
export function FrontSlots({ slots, site }: { slots: readonly FilledSlot<Teaser>[]; site: SiteContext }) {
  if (slots.length === 0) return null;
  const [lead, ...tops] = slots;
  return (
    <div class={`front-top${tops.length === 0 ? ' front-top-single' : ''}`}>
      {lead && (
        <section class={`front-lead${lead.media ? '' : ' front-lead-text'}`} aria-labelledby="lead-heading">
          <h2 id="lead-heading" class="visually-hidden">
            Top story
          </h2>
          <ul class="teaser-list">
            <TeaserItem teaser={lead.story} site={site} size="lead" headline={lead.headline} media={lead.media} textChars={lead.spec.textChars} />
          </ul>
        </section>
      )}
      {tops.length > 0 && (
        <section class="front-tops" aria-labelledby="tops-heading">
          <h2 id="tops-heading" class="visually-hidden">
            Top stories
          </h2>
          <ul class="teaser-list">
            {tops.map((slot) => (
              <TeaserItem key={slot.story.id} teaser={slot.story} site={site} size="top" headline={slot.headline} media={slot.media} textChars={slot.spec.textChars} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
