#!/usr/bin/env node
// Transpiles src/ to plain JavaScript in dist-server/ (one file per module, no bundling) and copies
// the files modules read at run time. `npm start` runs the result with plain node: tsx keeps every
// transpiled module and its source map in memory, about 55 MB more for the server (docs/benchmarks.md).
//
// `npm start` calls this on every start, so it does nothing when dist-server/ was built from the same
// sources: a fingerprint of every file under src/ (and of this script) is kept in dist-server/.source-hash.
// `--force` rebuilds anyway.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

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
buildSync({
  entryPoints: sources.filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file)),
  outdir: out,
  outbase: src,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: false,
  logLevel: 'warning',
});
// Files read beside their modules at run time.
for (const asset of ['site/theme', 'wire/formats/schemas', 'demo/content']) {
  cpSync(path.join(src, asset), path.join(out, asset), {
    recursive: true,
    filter: (file) => !/\.tsx?$/.test(file),
  });
}
writeFileSync(stamp, fingerprint);
