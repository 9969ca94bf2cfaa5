import { rm } from 'node:fs/promises';
import type { Config } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import type { JobHandler } from '../jobs/job-handler.js';
import type { Store } from '../store/index.js';
import type { ImportSummary } from './import-summary.js';

/** The job the newsroom's Import screen starts; payload `ImportPayload`. */
export const IMPORT_JOB = 'import.run';

export type ImportPayload =
  | {
      kind: 'wordpress';
      file: string;
      name: string;
      /** `drafts` brings every post in as a draft for the desk to review. */
      statuses?: 'as-is' | 'drafts';
      /** An existing section's slug for posts in no category; else "Uncategorized" is made. */
      uncategorizedSection?: string;
    }
  | {
      kind: 'ghost';
      file: string;
      name: string;
      /** The Ghost site's address, for `__GHOST_URL__` and its pictures. */
      ghostUrl?: string;
    }
  | { kind: 'url'; url: string; publish: boolean };

/** What the Import screen shows while a job runs and after. */
export interface ImportProgress {
  done: number;
  total: number;
  summary: ImportSummary | null;
  error: string | null;
}

export const progressKey = (jobId: number) => `import:${jobId}`;

/**
 * Runs an import in the background: the same importers as `dateline
 * import`, with progress written to the meta table (at most once a second)
 * for the screen to poll. Imports are idempotent, so a retry after a crash
 * or a lost lease finishes the work without duplicating any of it.
 */
export function importJobHandler(store: Store, config: Readonly<Config>, clock: () => Date): JobHandler<ImportPayload> {
  return {
    concurrency: 1,
    maxAttempts: 3,
    // A 1 GB export takes minutes; the heartbeat keeps the lease while it runs.
    timeoutMs: 6 * 3_600_000,
    async run(payload, ctx) {
      const key = progressKey(ctx.jobId);
      let last = 0;
      const onProgress = (done: number, total: number) => {
        if (Date.now() - last < 1000 && done < total) return;
        last = Date.now();
        void store.meta.set(key, JSON.stringify({ done, total, summary: null, error: null } satisfies ImportProgress));
      };
      const outbound = { allow: config.outboundAllow };
      let summary: ImportSummary;
      try {
        // Each importer (and its parsers: saxes, linkedom, Readability) loads when an import of its kind runs,
        // not with every server start.
        if (payload.kind === 'url') {
          const { importUrls } = await import('./url/url-import.js');
          summary = await importUrls(store, { urls: [payload.url], publish: payload.publish, outbound, clock, onProgress });
        } else if (payload.kind === 'ghost') {
          const { importGhost } = await import('./ghost/ghost-import.js');
          summary = await importGhost(store, { file: payload.file, ghostUrl: payload.ghostUrl, outbound, clock, onProgress });
        } else {
          const { importWordPress } = await import('./wordpress/wordpress-import.js');
          summary = await importWordPress(store, {
            file: payload.file,
            statuses: payload.statuses ?? 'as-is',
            uncategorizedSection: payload.uncategorizedSection,
            outbound,
            clock,
            onProgress,
          });
        }
      } catch (error) {
        if (!(error instanceof DatelineError)) throw error;
        // A file that is not an export will not become one on a retry: say why and stop.
        await store.meta.set(key, JSON.stringify({ done: 0, total: 0, summary: null, error: error.message } satisfies ImportProgress));
        return;
      }
      const final: ImportProgress = { done: 1, total: 1, summary, error: null };
      await ctx.complete(async (trx) => {
        await store.meta.set(key, JSON.stringify(final), trx);
      });
      // The uploaded copy has served its purpose once the import is recorded as done.
      if (payload.kind !== 'url') await rm(payload.file, { force: true });
    },
  };
}

