import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import { keyOfMediaUrl, MEDIA_STORE_KINDS, type MediaStore, type MediaStoreKind } from '../domain/media-store.js';
import { adoptLegacyMedia, adoptLegacyOriginals } from '../media/adopt-legacy-media.js';
import { readS3Settings } from '../media/media-config.js';
import { type MigrateOutcome, migrateMedia } from '../media/migrate-media.js';
import { mediaStoreOfKind } from '../media/open-media-store.js';
import { recordCatalogChange } from '../newsroom/settings/announce-change.js';
import type { Store } from '../store/index.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';
import { type Progress, progress } from './progress.js';

export const mediaUsage = `Usage: dateline media migrate --to files|database|s3 [--from files|database|s3]

Copies every picture (renditions and uploaded originals) from the media store
the site uses now (MEDIA_STORE, or --from) into another, checking each
object's hash (SHA-256) as read and again as written. The site keeps serving from
its store throughout. Running it again resumes: what the target already has
is skipped, and pictures uploaded meanwhile are copied.

Pictures made before the media store (files under DATA_DIR/media/<id>/, and
originals under DATA_DIR/originals/) are first moved into the store copied
from, so they are copied too.

To switch stores without downtime:
  1. dateline media migrate --to database
  2. set MEDIA_STORE=database and MEDIA_STORE_FALLBACK=files on every node, restart them
     (reads that miss the new store fall back to the old one)
  3. dateline media migrate --from files --to database   (copies uploads made in between)
  4. unset MEDIA_STORE_FALLBACK and restart

Options:
  --to KIND        the store to copy into: files (DATA_DIR/media), database, s3 (S3_* settings)
  --from KIND      the store to copy from (default: MEDIA_STORE)
  --concurrency N  objects copied at once (default 4)
  -h, --help       show this help
`;

export async function mediaCommand(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    usageError((error as Error).message, mediaUsage);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    if (!values.help) usageError('say what to do: dateline media migrate --to KIND.', mediaUsage);
    process.stdout.write(mediaUsage);
    return;
  }
  if (positionals[0] !== 'migrate' || positionals.length > 1) usageError(`there is no media command "${positionals.join(' ')}".`, mediaUsage);
  const to = kindOption('--to', values.to);
  if (!to) usageError('say which store to copy into: --to files, --to database or --to s3.', mediaUsage);
  const concurrency = Number(values.concurrency ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) usageError(`--concurrency is "${values.concurrency}"; give a whole number from 1 to 64.`, mediaUsage);
  try {
    const config = loadConfig();
    const from = kindOption('--from', values.from) ?? config.media.store;
    if (from === to) {
      throw new DatelineError('BAD_INPUT', `The media store to copy from and to are both "${to}".`, {
        hint: `The site uses MEDIA_STORE=${config.media.store}; give --to another store, or --from the store to copy from.`,
      });
    }
    // S3 settings are needed whenever either side is s3, even when MEDIA_STORE is not.
    const withS3 = { dataDir: config.dataDir, media: { ...config.media, s3: config.media.s3 ?? (from === 's3' || to === 's3' ? readS3Settings(process.env, `--${to === 's3' ? 'to' : 'from'} s3`) : undefined) } };
    const store = await openStore(config);
    const source = from === config.media.store ? store.mediaStore : mediaStoreOfKind(from, withS3, store.db);
    const target = mediaStoreOfKind(to, withS3, store.db);
    try {
      await adoptLegacy(store, source, config);
      // The bar starts once the source is listed and the total known.
      let bar: Progress | undefined;
      const outcome = await migrateMedia(source, target, {
        concurrency,
        onProgress: ({ done, total }) => {
          bar ??= progress(`Copying ${from} → ${to}`, total);
          bar.update(done);
        },
      });
      bar?.stop();
      const missing = await missingFromTarget(store, target);
      process.stdout.write(report(outcome, missing, from, to, config));
      if (outcome.failed.length > 0 || missing.length > 0) process.exitCode = 1;
    } finally {
      await target.close();
      if (source !== store.mediaStore) await source.close();
      await store.mediaStore.close();
      await store.db.close();
    }
  } catch (error) {
    exitWithError(error);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      from: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function kindOption(flag: string, value: string | undefined): MediaStoreKind | undefined {
  if (value === undefined) return undefined;
  const kind = value.trim().toLowerCase();
  if (!(MEDIA_STORE_KINDS as readonly string[]).includes(kind)) usageError(`${flag} is "${value}"; give files, database or s3.`, mediaUsage);
  return kind as MediaStoreKind;
}

/** Old pictures (DATA_DIR/media/<id>/…) go into the store being copied from first, so they move too. */
async function adoptLegacy(store: Store, source: MediaStore, config: Readonly<Config>): Promise<void> {
  const into = source === store.mediaStore ? store : { ...store, mediaStore: source };
  const adopted = await adoptLegacyMedia(into, path.join(config.dataDir, 'media'), {
    recordChange: (trx, id) => recordCatalogChange(store, trx, { kind: 'media', id }),
  });
  if (adopted.adopted > 0) process.stderr.write(`Moved ${adopted.adopted} picture(s) from before the media store into it.\n`);
  const originals = await adoptLegacyOriginals(into, path.join(config.dataDir, 'originals'));
  if (originals > 0) process.stderr.write(`Moved ${originals} uploaded original(s) from DATA_DIR/originals into it.\n`);
}

/** Pictures whose renditions or original the target lacks after the copy: a library the switch would break. */
async function missingFromTarget(store: Store, target: MediaStore): Promise<Array<{ id: number; key: string }>> {
  const missing: Array<{ id: number; key: string }> = [];
  let after = 0;
  for (;;) {
    const page = await store.media.storedObjects(after, 200);
    for (const picture of page) {
      after = picture.id;
      const keys = [...picture.renditions.map((r) => keyOfMediaUrl(r.url)), picture.originalKey];
      for (const key of keys) if (key && !(await target.has(key))) missing.push({ id: picture.id, key });
    }
    if (page.length < 200) return missing;
  }
}

const LISTED = 20;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function report(outcome: MigrateOutcome, missing: Array<{ id: number; key: string }>, from: MediaStoreKind, to: MediaStoreKind, config: Readonly<Config>): string {
  const lines = [
    `Copied ${outcome.copied} object(s) (${megabytes(outcome.bytesCopied)}) from ${from} to ${to}; ${outcome.alreadyThere} were already there` +
      `${outcome.repaired > 0 ? `, ${outcome.repaired} damaged copies replaced` : ''}${outcome.copied + outcome.repaired > 0 ? '; every copy was read back and its hash checked' : ''}.`,
  ];
  if (outcome.failed.length > 0) {
    lines.push(`${outcome.failed.length} object(s) could not be copied:`);
    for (const f of outcome.failed.slice(0, LISTED)) lines.push(`  ${f.key}: ${f.reason}`);
    if (outcome.failed.length > LISTED) lines.push(`  … and ${outcome.failed.length - LISTED} more`);
  }
  if (missing.length > 0) {
    lines.push(`${missing.length} file(s) that pictures in the library name are not in ${to} (nor in ${from}):`);
    for (const m of missing.slice(0, LISTED)) lines.push(`  picture ${m.id}: ${m.key}`);
    if (missing.length > LISTED) lines.push(`  … and ${missing.length - LISTED} more`);
  }
  if (outcome.failed.length === 0 && missing.length === 0) {
    lines.push(
      config.media.store === to
        ? `Every picture in the library is in ${to}. When no node reads ${from} any more, unset MEDIA_STORE_FALLBACK.`
        : `Every picture in the library is in ${to}. Next: set MEDIA_STORE=${to} and MEDIA_STORE_FALLBACK=${from} on every node, restart them, run \`dateline media migrate --from ${from} --to ${to}\` again for uploads made meanwhile, then unset MEDIA_STORE_FALLBACK.`,
    );
  } else {
    lines.push('Run the command again to retry what failed; what was copied stays copied.');
  }
  return `${lines.join('\n')}\n`;
}
