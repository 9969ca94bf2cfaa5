#!/usr/bin/env node
// Transpiles src/ to plain JavaScript in dist-server/ (one file per module, no bundling) and copies
// the files modules read at run time. `npm start` runs the result with plain node: tsx keeps every
// transpiled module and its source map in memory, about 55 MB more for the server (docs/benchmarks.md).
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const src = path.join(root, 'src');
const out = path.join(root, 'dist-server');

const modules = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return modules(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });

rmSync(out, { recursive: true, force: true });
buildSync({
  entryPoints: modules(src),
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
for (const asset of ['site/theme', 'wire/formats/schemas']) {
  cpSync(path.join(src, asset), path.join(out, asset), {
    recursive: true,
    filter: (file) => !/\.tsx?$/.test(file),
  });
}
