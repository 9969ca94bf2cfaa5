import type { Teaser } from '../../domain/article.js';
import type { FilledSlot } from '../../domain/front-layout.js';
import type { SiteContext } from '../site-context.js';
import { teaserItemHtml } from './teaser-item.js';

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
          <ul
            class="teaser-list"
            dangerouslySetInnerHTML={{
              __html: teaserItemHtml({ teaser: lead.story, site, size: 'lead', headline: lead.headline, media: lead.media, textChars: lead.spec.textChars }),
            }}
          />
        </section>
      )}
      {tops.length > 0 && (
        <section class="front-tops" aria-labelledby="tops-heading">
          <h2 id="tops-heading" class="visually-hidden">
            Top stories
          </h2>
          <ul
            class="teaser-list"
            dangerouslySetInnerHTML={{
              __html: tops
                .map((slot) => teaserItemHtml({ teaser: slot.story, site, size: 'top', headline: slot.headline, media: slot.media, textChars: slot.spec.textChars }))
                .join(''),
            }}
          />
        </section>
      )}
    </div>
  );
}
