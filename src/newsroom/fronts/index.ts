import type { SiteSettingsReader } from '../../domain/site-settings.js';
import type { JobRunner } from '../../jobs/index.js';
import type { Store } from '../../store/index.js';
import { FRONT_EXPIRY_JOB, FrontDesk } from './front-desk.js';

export { FRONT_EXPIRY_JOB, FrontDesk, frontPurge } from './front-desk.js';
export { frontsModule } from './fronts-module.js';

/**
 * `front.expire`: a pin that ends refreshes its front at that moment (the
 * job is queued with the pin), so neither this node's page cache nor the
 * cache tier keeps showing it.
 */
export function registerFrontJobs(runner: JobRunner, store: Store, options: { settings: SiteSettingsReader; clock: () => Date }): void {
  const desk = new FrontDesk(store, async () => (await options.settings()).timeZone, options.clock);
  runner.register(FRONT_EXPIRY_JOB, {
    concurrency: 1,
    async run(payload: { front: string }) {
      await desk.expire(payload.front);
    },
  });
}
