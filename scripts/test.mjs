#!/usr/bin/env node
// `npm test`: type-check, lint, then every test suite. Suites that need Chromium or
// PostgreSQL are skipped on a machine without them, and this says which and why;
// under CI (CI=true) a missing part is a failure, never a skip.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const env = { ...process.env, CHROMIUM_PATH: chromium };
const skipped = [];

if (!existsSync(chromium)) {
  if (ci) fail(`Chromium is missing at ${chromium}; CI must run the browser suite (apt-get install -y chromium).`);
  skipped.push(`browser suite (test/browser): no Chromium at ${chromium}. Install it with: apt-get install -y chromium`);
  env.DATELINE_SKIP_BROWSER = '1';
}

// The cache-tier and cluster suites run their own varnishd -F with the xkey vmod (test/support/varnish.ts).
const varnishd =
  process.env.VARNISHD ||
  [...(process.env.PATH ?? '').split(':').filter(Boolean).map((dir) => `${dir}/varnishd`), '/usr/sbin/varnishd', '/usr/local/sbin/varnishd'].find((file) => existsSync(file));
if (!varnishd || !existsSync(varnishd)) {
  if (ci) fail('varnishd is missing; CI must run the cache-tier and cluster suites (apt-get install -y varnish varnish-modules).');
  skipped.push('cache-tier and cluster suites (test/cache-tier, test/cluster): no varnishd. Install it with: apt-get install varnish varnish-modules');
}

const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl) {
  if (ci) fail('TEST_DATABASE_URL is not set; CI must run every suite on PostgreSQL too.');
  skipped.push('PostgreSQL runs of the store and site suites: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)');
} else {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    if (ci) fail(`PostgreSQL at TEST_DATABASE_URL does not answer: ${error.message}`);
    skipped.push(`PostgreSQL runs: TEST_DATABASE_URL does not answer (${error.message})`);
    delete env.TEST_DATABASE_URL;
  }
}

run('Type check', 'npx', ['tsc', '--noEmit', '-p', '.']);
run('Type check (newsroom app)', 'npx', ['tsc', '--noEmit', '-p', 'admin']);
// The browser suite drives the built newsroom app; a fresh clone whose install skipped `prepare` builds it here.
if (!existsSync('dist/admin/index.html')) run('Build the newsroom app', 'npm', ['run', 'build']);
run('Lint', 'npx', ['biome', 'check', '--diagnostic-level=error', 'src', 'test', 'bench', 'scripts', 'admin']);
const extra = process.argv.slice(2);
const tests = spawnSync('npx', ['vitest', 'run', ...extra], { stdio: 'inherit', env });

if (skipped.length > 0) {
  console.log('\nSkipped on this machine:');
  for (const line of skipped) console.log(`  - ${line}`);
}
process.exit(tests.status ?? 1);

function run(title, command, args) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) fail(`${title} failed.`);
}

function fail(message) {
  console.error(`\nnpm test: ${message}`);
  process.exit(1);
}
