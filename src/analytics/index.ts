import type { FastifyInstance } from 'fastify';
import type { JobRunner } from '../jobs/index.js';
import type { Store } from '../store/index.js';
import { countRoutes } from './count-routes.js';
import { ViewCollector } from './view-collector.js';

export { AudienceReport, type Dashboard, type NamedCount } from './audience-report.js';
export { referrerDomain } from './count-routes.js';
export { isCountable } from './countable.js';
export { ViewCollector } from './view-collector.js';

export const AUDIENCE_PRUNE_JOB = 'audience.prune';

/**
 * Counting in one server: the counter routes, a collector that flushes
 * every `flushMs`, and an hourly job (once across nodes) that deletes the
 * day's salt and visitor hashes once the day is over. Returns the collector.
 */
export async function startAnalytics(
  app: FastifyInstance,
  runner: JobRunner,
  deps: { store: Store; siteUrl: string; clock: () => Date; flushMs?: number },
): Promise<ViewCollector> {
  const collector = new ViewCollector(deps.store, {
    site: deps.siteUrl,
    flushMs: deps.flushMs ?? 2000,
    maxBuffered: 5000,
    onError: (error) => app.log.warn({ err: error }, 'audience counts could not be written; this batch is lost'),
  });
  collector.start();
  await app.register(async (scope) => countRoutes(scope, { collector, clock: deps.clock }));
  runner.register(AUDIENCE_PRUNE_JOB, { every: 3_600_000, run: () => deps.store.audience.prune(deps.clock()) });
  app.addHook('onClose', () => collector.stop());
  return collector;
}
