import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Store } from '../../store/index.js';
import { pictureFetcher } from '../fetch-picture.js';
import { loadWireRules } from '../wire-source-rules.js';
import { startPolling } from './feed-poller.js';
import { startInbox } from './inbox-watcher.js';
import { PUSH_PREFIX, pushRoutes } from './push-routes.js';
import { rulesFor } from './source-rules.js';

export interface WireSourcesDeps {
  store: Store;
  config: Readonly<Config>;
  clock: () => Date;
}

/**
 * Everything the server runs for wire sources: POST /wire/ingest, the inbox
 * folder when WIRE_INBOX is set, and the pollers unless WIRE_POLLING is off.
 * The background work stops when the server closes, before the database does.
 */
export async function startWireSources(fastify: FastifyInstance, { store, config, clock }: WireSourcesDeps): Promise<void> {
  const rules = await loadWireRules(config.wireRulesFile);
  const outbound = { allow: config.outboundAllow };
  const pictures = {
    log: (line: string) => fastify.log.warn(line),
    fetch: pictureFetcher(config.outboundAllow),
  };
  const log = (line: string) => fastify.log.warn(line);
  await fastify.register(pushRoutes, { prefix: PUSH_PREFIX, store, siteUrl: config.siteUrl, maxBytes: config.wirePushMaxBytes, rules, clock, pictures, zipLimits: config.zipLimits, maxItems: config.wirePushMaxItems, perMinute: config.rateLimits.push });
  if (config.wireInbox) {
    const inbox = await startInbox(store, { dir: config.wireInbox, rules: () => rulesFor(store, rules, 'inbox'), siteUrl: config.siteUrl, pictures, zipLimits: config.zipLimits, now: clock, log });
    fastify.addHook('onClose', () => inbox.stop());
  }
  if (config.wirePolling) {
    const stop = startPolling({ store, rules, clock, pictures, log, maxBytes: config.wirePushMaxBytes, outbound, zipLimits: config.zipLimits });
    fastify.addHook('onClose', () => stop());
  }
}
