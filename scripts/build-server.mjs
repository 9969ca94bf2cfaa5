#!/usr/bin/env node
// Transpiles src/ to plain JavaScript in dist-server/ (one file per module) and copies the files modules
// read at run time, then bundles the command (src/cli.ts) with our modules, Kysely and TypeBox into
// dist-server/dateline.js, which `npm start` runs with plain node: tsx keeps every transpiled module and its
// source map in memory, about 55 MB more for the server (docs/benchmarks.md), and Node 20 loads ES modules one
// file at a time — about 1,300 of the 1,800 files a server start read are ours, Kysely's and TypeBox's, and
// loading them was a third of a start's CPU (docs/decisions/0010-bundled-server.md). The per-module files stay:
// worker threads load their module from them, and benchmarks import them.
//
// `npm start` calls this on every start, so it does nothing when dist-server/ was built from the same
// sources: a fingerprint of every file under src/ (and of this script) is kept in dist-server/.source-hash.
// `--force` rebuilds anyway.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildSync } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const src = path.join(root, 'src');
const out = path.join(root, 'dist-server');
const stamp = path.join(out, '.source-hash');

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });

const sources = files(src).sort();
const hash = createHash('sha256');
for (const file of [fileURLToPath(import.meta.url), ...sources]) hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
const fingerprint = hash.digest('hex');
if (!process.argv.includes('--force') && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) process.exit(0);

rmSync(out, { recursive: true, force: true });
// Both builds: ES modules for Node 20, Preact's JSX runtime.
const COMMON = { format: 'esm', platform: 'node', target: 'node20', jsx: 'automatic', jsxImportSource: 'preact', sourcemap: false, logLevel: 'warning' };
buildSync({
  entryPoints: sources.filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file)),
  outdir: out,
  outbase: src,
  ...COMMON,
});
// Files read beside their modules at run time.
for (const asset of ['site/theme', 'wire/formats/schemas', 'demo/content']) {
  cpSync(path.join(src, asset), path.join(out, asset), {
    recursive: true,
    filter: (file) => !/\.tsx?$/.test(file),
  });
}

// Packages bundled into dateline.js: pure ES modules spread over hundreds of files each. Everything else stays a
// package import (native addons, CommonJS, and what loads only on first use).
const BUNDLED = new Set(['kysely', 'typebox', '@fastify/type-provider-typebox']);
await build({
  entryPoints: { dateline: path.join(src, 'cli.ts') },
  outdir: out,
  bundle: true,
  // Commands and lazily loaded parts (importers, the demo seeder) stay in chunks loaded on first use.
  splitting: true,
  chunkNames: 'dateline-[hash]',
  ...COMMON,
  plugins: [
    {
      name: 'dateline-layout',
      setup(bundle) {
        bundle.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith('node:')) return { external: true };
          const name = args.path.split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/');
          return BUNDLED.has(name) ? undefined : { external: true };
        });
        // A module that finds files beside itself (theme CSS, wire schemas, demo content, thread modules) asks
        // import.meta.url; in the bundle that is dateline.js, so each such module is given the URL its own
        // per-module file has in dist-server/ instead (the bundle sits at dist-server/'s root).
        bundle.onLoad({ filter: /\.tsx?$/ }, async (args) => {
          let contents = await readFile(args.path, 'utf8');
          if (contents.includes('import.meta.url')) {
            const own = `./${path.relative(src, args.path).split(path.sep).join('/').replace(/\.tsx?$/, '.js')}`;
            contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, import.meta.url).href`);
          }
          return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
        });
      },
    },
  ],
});
writeFileSync(stamp, fingerprint);
