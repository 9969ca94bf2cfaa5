import type { FastifyInstance } from 'fastify';
import { adoptLegacyMedia } from '../../media/adopt-legacy-media.js';
import type { OutboxEntry, Store } from '../../store/index.js';
import { recordCatalogChange } from '../settings/announce-change.js';

/**
 * Moves pictures made before the media store into it, in the background
 * after start (a large library takes a while; until a picture is reached its
 * old URL is served from its file). Each rewritten picture is recorded as a
 * change, so pages showing it are purged and show the new URLs. The server
 * waits for it before the database closes.
 */
export function startLegacyMediaAdoption(fastify: FastifyInstance, store: Store, legacyDir: string): void {
  const entries: OutboxEntry[] = [];
  const running = adoptLegacyMedia(store, legacyDir, {
    recordChange: async (trx, id) => entries.push(await recordCatalogChange(store, trx, { kind: 'media', id })),
    onPicture: () => store.changes.announceRecorded(entries.splice(0)),
  })
    .then((outcome) => {
      if (outcome.adopted > 0 || outcome.missing > 0) {
        fastify.log.info(outcome, 'pictures from before the media store were moved into it');
      }
    })
    .catch((error: unknown) => fastify.log.error({ err: error }, 'moving old pictures into the media store failed; their old URLs keep working'));
  fastify.addHook('onClose', () => running);
}
