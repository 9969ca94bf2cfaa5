import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { importGhost } from '../importers/ghost/ghost-import.js';
import { formatSummary, type ImportSummary } from '../importers/import-summary.js';
import { importUrls } from '../importers/url/url-import.js';
import { importWordPress } from '../importers/wordpress/wordpress-import.js';
import { type AllowList, parseAllowList } from '../net/index.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';
import { progress } from './progress.js';

export const importUsage = `Usage: dateline import wordpress FILE.xml [options]
       dateline import ghost FILE.json [--ghost-url URL] [--images DIR] [--allow-private-network]
       dateline import url URL... [--publish] [--section SLUG] [--allow-private-network]

Brings a WordPress site's archive into Dateline from its export (WXR 1.0-1.2,
Tools → Export → All content): authors, categories as sections, tags,
pictures, posts as stories, and a 301 redirect from every old address
(permalinks, ?p=ID, old slugs, category, tag and author archives and their
feeds, attachment pages). The file is read as a stream, so its size does
not matter. Running it again imports only what is missing; after an
interrupted run, run the same command again. Items that cannot be read are
listed with their line and column; the rest is imported.

Options (wordpress):
  --uploads DIR                 a copy of wp-content/uploads; pictures not in it are
                                fetched from the addresses the export names
  --publish-as-is               keep each post's status (the default): published stays
                                published, pending becomes submitted, future scheduled
  --as-drafts                   bring every post in as a draft
  --section-for-uncategorized SLUG
                                the existing section for posts in no category or in
                                "Uncategorized" (default: a section "Uncategorized")
  --allow-private-network       let picture fetches reach private and loopback
                                addresses (a site on the office network)
  -h, --help                    show this help

Options (ghost: the JSON from Settings → Labs → Export your content):
  --ghost-url URL               the Ghost site's address: it replaces __GHOST_URL__ and
                                is where pictures are fetched from
  --images DIR                  a copy of Ghost's content/images folder
  --allow-private-network       as above

Posts become stories (the primary tag is the section), pages static pages,
internal #tags are left out; /{slug}/, /tag/{slug}/ and /author/{slug}/ redirect.

Options (url: any article page, read from its JSON-LD, OpenGraph and text):
  --publish                     publish at once (default: a draft to check)
  --section SLUG                the section (default: the first of the menu)
  --allow-private-network       as above

See docs/import.md.
`;

export async function importCommand(argv: string[]): Promise<void> {
  const [kind, ...rest] = argv;
  if (kind === undefined || kind === '--help' || kind === '-h') {
    process.stdout.write(importUsage);
    return;
  }
  if (kind === 'ghost') return ghostCommand(rest);
  if (kind === 'url') return urlCommand(rest);
  if (kind !== 'wordpress') usageError(`there is no importer "${kind}"; use wordpress, ghost or url.`, importUsage);
  let parsed: ReturnType<typeof parseWordPress>;
  try {
    parsed = parseWordPress(rest);
  } catch (error) {
    usageError((error as Error).message, importUsage);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(importUsage);
    return;
  }
  if (positionals.length !== 1) usageError('give exactly one export file (FILE.xml).', importUsage);
  if (values['publish-as-is'] && values['as-drafts']) usageError('choose one of --publish-as-is and --as-drafts.', importUsage);
  try {
    const config = loadConfig();
    const store = await openStore(config);
    try {
      let meter: ReturnType<typeof progress> | null = null;
      const summary: ImportSummary = await importWordPress(store, {
        file: positionals[0] as string,
        uploadsDir: values.uploads,
        statuses: values['as-drafts'] ? 'drafts' : 'as-is',
        uncategorizedSection: values['section-for-uncategorized'],
        outbound: { allow: allowFor(config.outboundAllow, values['allow-private-network'] ?? false) },
        onProgress: (done, total) => {
          meter ??= progress('Importing', total);
          meter.update(done);
        },
      });
      (meter as ReturnType<typeof progress> | null)?.stop();
      process.stdout.write(formatSummary(summary));
    } finally {
      await store.db.close();
    }
  } catch (error) {
    exitWithError(error);
  }
}

async function ghostCommand(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parseGhost>;
  try {
    parsed = parseGhost(argv);
  } catch (error) {
    usageError((error as Error).message, importUsage);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(importUsage);
    return;
  }
  if (positionals.length !== 1) usageError('give exactly one export file (FILE.json).', importUsage);
  if (values['ghost-url'] !== undefined && !/^https?:\/\/[^/]+/.test(values['ghost-url'])) usageError(`--ghost-url ${values['ghost-url']} is not an http(s) address.`, importUsage);
  try {
    const config = loadConfig();
    const store = await openStore(config);
    try {
      let meter: ReturnType<typeof progress> | null = null;
      const summary = await importGhost(store, {
        file: positionals[0] as string,
        ghostUrl: values['ghost-url'],
        imagesDir: values.images,
        outbound: { allow: allowFor(config.outboundAllow, values['allow-private-network'] ?? false) },
        onProgress: (done, total) => {
          meter ??= progress('Importing', total);
          meter.update(done);
        },
      });
      (meter as ReturnType<typeof progress> | null)?.stop();
      process.stdout.write(formatSummary(summary));
    } finally {
      await store.db.close();
    }
  } catch (error) {
    exitWithError(error);
  }
}

async function urlCommand(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parseUrl>;
  try {
    parsed = parseUrl(argv);
  } catch (error) {
    usageError((error as Error).message, importUsage);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(importUsage);
    return;
  }
  if (positionals.length === 0) usageError('give at least one article URL.', importUsage);
  const wrong = positionals.find((u) => !/^https?:\/\/[^/]+/i.test(u));
  if (wrong) usageError(`${wrong} is not an http(s) URL.`, importUsage);
  try {
    const config = loadConfig();
    const store = await openStore(config);
    try {
      const summary = await importUrls(store, {
        urls: positionals,
        publish: values.publish ?? false,
        sectionSlug: values.section,
        outbound: { allow: allowFor(config.outboundAllow, values['allow-private-network'] ?? false) },
      });
      process.stdout.write(formatSummary(summary));
      if (summary.created.stories + summary.unchanged.stories === 0) process.exitCode = 1;
    } finally {
      await store.db.close();
    }
  } catch (error) {
    exitWithError(error);
  }
}

function parseUrl(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      publish: { type: 'boolean' },
      section: { type: 'string' },
      'allow-private-network': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function parseGhost(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'ghost-url': { type: 'string' },
      images: { type: 'string' },
      'allow-private-network': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** `--allow-private-network` widens OUTBOUND_ALLOW to every address, for this run only. */
export function allowFor(configured: AllowList, allowPrivate: boolean): AllowList {
  if (!allowPrivate) return configured;
  const everything = parseAllowList('0.0.0.0/0, ::/0');
  return { hosts: configured.hosts, ranges: [...configured.ranges, ...everything.ranges] };
}

function parseWordPress(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      uploads: { type: 'string' },
      'publish-as-is': { type: 'boolean' },
      'as-drafts': { type: 'boolean' },
      'section-for-uncategorized': { type: 'string' },
      'allow-private-network': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
