import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/ as a rule every folder follows (issue 10, item 9), checked
 * on every import, export-from and dynamic import() of every module (tests
 * beside the code included), so a new dependency across layers fails `npm test`:
 *
 *   domain/                pure rules: imports nothing of ours outside itself, and no I/O library
 *   threads/               work sent to a thread of its own: imports nothing of ours
 *   store/                 the database: domain/ and threads/ only
 *   jobs/, net/            shared machinery over store/ and domain/
 *   media/                 pictures: domain/, store/, jobs/, net/
 *   the edges              site/, api/, wire/, webhooks/, newsletters/, analytics/, importers/,
 *                          related/, cache-tier/, demo/: the layers above, never each other
 *   newsroom/              the admin API: an edge that also serves the admin screens of
 *                          importers/, newsletters/ and analytics/
 *   cli/, cli.ts,          the top: wire everything together; nothing imports them
 *   server.ts
 *
 * The small root modules (config.ts, http-status.ts, rate-limits.ts,
 * validation-message.ts) are shared by every layer above store/.
 */

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

const SHARED_ROOT = ['config.ts', 'http-status.ts', 'rate-limits.ts', 'validation-message.ts'];
const BASE = ['domain', 'threads', 'store', 'jobs', 'net', 'media', ...SHARED_ROOT];
const EDGES = ['site', 'api', 'wire', 'webhooks', 'newsletters', 'analytics', 'importers', 'related', 'cache-tier', 'demo'];

/** What each folder (or root module) may import from src/, besides itself. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: [],
  threads: [],
  store: ['domain', 'threads'],
  jobs: ['domain', 'threads', 'store'],
  net: ['domain', ...SHARED_ROOT],
  media: ['domain', 'threads', 'store', 'jobs', 'net', ...SHARED_ROOT],
  ...Object.fromEntries(EDGES.map((edge) => [edge, BASE])),
  newsroom: [...BASE, 'importers', 'newsletters', 'analytics'],
  // config.ts reads each part's settings with that part's own parser.
  'config.ts': ['domain', 'net', 'media', 'cache-tier', 'newsletters', 'webhooks', 'wire', 'rate-limits.ts'],
  'http-status.ts': ['domain'],
  'rate-limits.ts': ['domain'],
  'validation-message.ts': ['domain'],
  cli: ['*'],
  'cli.ts': ['*'],
  'server.ts': ['*'],
};

/** Packages domain/ may not import: it does no I/O. */
const IO_PACKAGES = /^(kysely|fastify|@fastify\/|pg$|better-sqlite3|sharp|preact|nodemailer|@aws-sdk\/|node:(fs|http|https|net|child_process|worker_threads|dgram))/;

/**
 * Imports across layers tolerated while they are being removed, each with
 * why it is there; the test fails if one disappears, so the list only
 * shrinks. Empty since issue 10, item 9: a new crossing is fixed, not listed.
 */
const KNOWN: ReadonlyArray<{ from: string; to: string; why: string }> = [];

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return modules(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The folder (or root module) a path under src/ belongs to. */
function layerOf(relative: string): string {
  return relative.includes('/') ? (relative.split('/')[0] as string) : relative;
}

interface Import {
  from: string;
  to: string;
}

function importsOf(file: string): { ours: Import[]; packages: string[] } {
  const text = readFileSync(file, 'utf8');
  const from = path.relative(SRC, file);
  const ours: Import[] = [];
  const packages: string[] = [];
  const specifiers = [...text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)];
  for (const match of specifiers) {
    const specifier = (match[1] ?? match[2] ?? match[3]) as string;
    if (!specifier.startsWith('.')) {
      packages.push(specifier);
      continue;
    }
    const target = path.relative(SRC, path.resolve(path.dirname(file), specifier)).replace(/\.js$/, '');
    if (target.startsWith('..')) continue;
    const withExt = [`${target}.ts`, `${target}.tsx`, `${target}/index.ts`].find((candidate) => {
      try {
        readFileSync(path.join(SRC, candidate));
        return true;
      } catch {
        return false;
      }
    });
    ours.push({ from, to: withExt ?? `${target}.ts` });
  }
  return { ours, packages };
}

const all = modules(SRC).map(importsOf);
const crossings = all.flatMap(({ ours }) => ours.filter((i) => layerOf(i.from) !== layerOf(i.to)));
const isKnown = (i: Import) => KNOWN.some((k) => k.from === i.from && k.to === i.to);

describe('the layers of src/', () => {
  it('has a rule for every folder and root module', () => {
    const layers = new Set(modules(SRC).map((file) => layerOf(path.relative(SRC, file))));
    expect([...layers].filter((layer) => !(layer in MAY_IMPORT)).sort()).toEqual([]);
  });

  it('finds the imports it checks', () => {
    expect(crossings.length).toBeGreaterThan(300);
  });

  it('imports across layers only downwards, as the table says', () => {
    const wrong = crossings
      .filter((i) => {
        const allowed = MAY_IMPORT[layerOf(i.from)] ?? [];
        return !allowed.includes('*') && !allowed.includes(layerOf(i.to)) && !isKnown(i);
      })
      .map((i) => `${i.from} imports ${i.to}`);
    expect(wrong).toEqual([]);
  });

  it('never imports cli/, cli.ts or server.ts from below the top', () => {
    const wrong = crossings
      .filter((i) => ['cli', 'cli.ts', 'server.ts'].includes(layerOf(i.to)) && !['cli', 'cli.ts', 'server.ts'].includes(layerOf(i.from)))
      .map((i) => `${i.from} imports ${i.to}`);
    expect(wrong).toEqual([]);
  });

  it('keeps domain/ free of I/O libraries', () => {
    const domainFiles = modules(path.join(SRC, 'domain')).filter((file) => !/\.test\.tsx?$/.test(file));
    const offenders = domainFiles.flatMap((file) => importsOf(file).packages.filter((p) => IO_PACKAGES.test(p)).map((p) => `${path.relative(SRC, file)} imports ${p}`));
    expect(offenders).toEqual([]);
  });

  it('still has each known exception (remove it from KNOWN once it is fixed)', () => {
    const gone = KNOWN.filter((k) => !crossings.some((i) => i.from === k.from && i.to === k.to)).map((k) => `${k.from} → ${k.to}`);
    expect(gone).toEqual([]);
  });
});
