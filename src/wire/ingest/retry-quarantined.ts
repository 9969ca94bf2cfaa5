import path from 'node:path';
import { DatelineError } from '../../domain/errors.js';
import type { Store } from '../../store/index.js';
import type { IngestSource } from './apply-item.js';
import { type IngestOptions, ingestFile } from './ingest-files.js';
import type { IngestReport } from './ingest-report.js';

const KINDS = new Set<IngestSource['kind']>(['file', 'http', 'inbox', 'poll']);

/**
 * Runs a quarantined file through ingest again, after a rule or code
 * change. When every item now goes through, the entry is marked resolved;
 * when one still fails, the entry stays open with the new reason (no second
 * entry is made for the same bytes).
 */
export async function retryQuarantined(store: Store, id: number, options: IngestOptions = {}): Promise<IngestReport & { resolved: boolean }> {
  const entry = await store.wire.quarantined(id);
  if (!entry) {
    throw new DatelineError('NOT_FOUND', `There is no quarantine entry ${id}.`, {
      hint: 'Run `dateline wire quarantine` to list the entries and their ids.',
    });
  }
  const kind = KINDS.has(entry.source as IngestSource['kind']) ? (entry.source as IngestSource['kind']) : 'file';
  const local = kind === 'file' || kind === 'inbox';
  const source: IngestSource = { kind, name: entry.file_name, ...(local && { dir: path.dirname(entry.file_name) }) };
  const report = await ingestFile(store, entry.raw, source, options);
  const failed = report.items.filter((r) => r.outcome === 'quarantined');
  const now = (options.now ?? (() => new Date()))();
  // Failures of this run found the entry itself, or made new ones for the same bytes: those go, the entry stays.
  await store.wire.deleteQuarantine(failed.flatMap((r) => (r.quarantineId === undefined || r.quarantineId === id ? [] : [r.quarantineId])));
  const first = failed[0];
  await store.wire.quarantineRetried(id, first ? { resolved: false, reason: first.reason ?? 'failed again', pointer: first.pointer ?? null } : { resolved: true }, now);
  return { ...report, resolved: !first };
}
