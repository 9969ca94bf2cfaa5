import { contentHash, hashOfKey, type MediaStore, readBody } from '../domain/media-store.js';

export interface MigrateProgress {
  done: number;
  total: number;
}

export interface MigrateOutcome {
  /** Objects the source holds. */
  total: number;
  /** Copied now (and read back from the target with the right hash). */
  copied: number;
  bytesCopied: number;
  /** Already in the target with the same size: a run that stopped halfway resumes past them. */
  alreadyThere: number;
  /** In the target with the wrong size, deleted and copied again. */
  repaired: number;
  /** Objects that could not be copied, with why (the source's bytes do not match their hash, a store failed). */
  failed: Array<{ key: string; reason: string }>;
}

/**
 * Copies every object of `source` into `target`, checking each object's
 * bytes against the hash in its key both as read from the source and as read
 * back from the target. Never changes the source, so the site keeps serving
 * from it throughout. Idempotent: what the target already has is skipped, so
 * running it again resumes, and picks up pictures uploaded meanwhile.
 */
export async function migrateMedia(
  source: MediaStore,
  target: MediaStore,
  options: { concurrency?: number; onProgress?: (progress: MigrateProgress) => void } = {},
): Promise<MigrateOutcome> {
  const keys: string[] = [];
  for await (const key of source.keys()) keys.push(key);
  // One listing of the target instead of a request per object: what is there is skipped after a size check.
  const present = new Set<string>();
  for await (const key of target.keys()) present.add(key);

  const outcome: MigrateOutcome = { total: keys.length, copied: 0, bytesCopied: 0, alreadyThere: 0, repaired: 0, failed: [] };
  let done = 0;
  options.onProgress?.({ done, total: keys.length });
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++] as string;
      try {
        await copyOne(source, target, key, present.has(key), outcome);
      } catch (error) {
        outcome.failed.push({ key, reason: (error as Error).message });
      }
      done++;
      options.onProgress?.({ done, total: keys.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, keys.length)) }, worker));
  outcome.failed.sort((a, b) => a.key.localeCompare(b.key));
  return outcome;
}

async function copyOne(source: MediaStore, target: MediaStore, key: string, inTarget: boolean, outcome: MigrateOutcome): Promise<void> {
  const info = await source.stat(key);
  if (!info) throw new Error('listed by the source store but gone when read');
  let repairing = false;
  if (inTarget) {
    const there = await target.stat(key);
    if (there && there.size === info.size) {
      outcome.alreadyThere++;
      return;
    }
    // Same key, other size: a broken copy (an interrupted write elsewhere). Content-addressed keys never change, so replace it.
    await target.delete(key);
    repairing = true;
  }
  const object = await source.get(key);
  if (!object) throw new Error('listed by the source store but gone when read');
  const bytes = await readBody(object);
  const expected = hashOfKey(key);
  if (contentHash(bytes) !== expected) throw new Error(`the source's bytes do not hash to ${expected}: the object is damaged in the source store; not copied`);
  await target.put(key, bytes, object.contentType);
  const back = await target.get(key);
  if (!back || contentHash(await readBody(back)) !== expected) throw new Error('the copy read back from the target does not match its hash');
  if (repairing) outcome.repaired++;
  else outcome.copied++;
  outcome.bytesCopied += bytes.length;
}
