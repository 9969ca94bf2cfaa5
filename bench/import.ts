/**
 * `npm run bench:import`: generates a WordPress export (WXR 1.2) of
 * --items posts (default 200,000 at about 5 KB each: about 1 GB, no
 * attachments), imports it the way `dateline import wordpress FILE` does
 * into a fresh SQLite file, and reports items per second and the peak
 * resident memory of the process. Writes a "WordPress import" section into
 * docs/benchmarks.md.
 *
 *   npx tsx bench/import.ts [--items 200000] [--keep FILE] [--no-write]
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '../src/cli/open-store.js';
import { loadConfig } from '../src/config.js';
import { importWordPress } from '../src/importers/wordpress/wordpress-import.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { items: { type: 'string' }, 'no-write': { type: 'boolean' } } });
const items = Number(values.items ?? 200_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-import-'));
const file = path.join(dir, 'export.xml');

const WORDS = 'harbour council ferry budget school election weather market festival bridge library storm fishing vote road hospital'.split(' ');
function paragraph(seed: number): string {
  const words: string[] = [];
  for (let i = 0; i < 120; i++) words.push(WORDS[(seed * 7 + i * 13) % WORDS.length] as string);
  return `<p>${words.join(' ')}, <a href="https://old.example.org/2020/01/01/story-${seed % 997}/">more</a>.</p>`;
}

async function generate(): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve)));
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench Gazette</title><link>https://old.example.org</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example.org</wp:base_site_url><wp:base_blog_url>https://old.example.org</wp:base_blog_url>
`);
  for (let a = 0; a < 20; a++) await write(`<wp:author><wp:author_login>writer${a}</wp:author_login><wp:author_email>writer${a}@old.example.org</wp:author_email><wp:author_display_name><![CDATA[Writer ${a}]]></wp:author_display_name></wp:author>\n`);
  for (let c = 0; c < 12; c++) await write(`<wp:category><wp:term_id>${c + 1}</wp:term_id><wp:category_nicename>topic-${c}</wp:category_nicename><wp:category_parent>${c >= 6 ? `topic-${c - 6}` : ''}</wp:category_parent><wp:cat_name><![CDATA[Topic ${c}]]></wp:cat_name></wp:category>\n`);
  for (let i = 0; i < items; i++) {
    const day = new Date(Date.UTC(2010, 0, 1) + i * 1_800_000).toISOString().slice(0, 19).replace('T', ' ');
    const body = Array.from({ length: 5 }, (_, p) => paragraph(i + p)).join('\n\n');
    await write(`<item><title><![CDATA[Story number ${i} about the ${WORDS[i % WORDS.length]}]]></title><link>https://old.example.org/${day.slice(0, 4)}/${day.slice(5, 7)}/${day.slice(8, 10)}/story-${i}/</link>
<dc:creator><![CDATA[writer${i % 20}]]></dc:creator><guid isPermaLink="false">https://old.example.org/?p=${i + 10}</guid>
<content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${i + 10}</wp:post_id><wp:post_date><![CDATA[${day}]]></wp:post_date><wp:post_date_gmt><![CDATA[${day}]]></wp:post_date_gmt>
<wp:post_name><![CDATA[story-${i}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_parent>0</wp:post_parent><wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="topic-${i % 12}"><![CDATA[Topic ${i % 12}]]></category><category domain="post_tag" nicename="t${i % 50}"><![CDATA[Tag ${i % 50}]]></category>
</item>\n`);
  }
  await write('</channel>\n</rss>\n');
  await new Promise<void>((resolve) => out.end(resolve));
}

const started = Date.now();
await generate();
const bytes = statSync(file).size;
process.stdout.write(`Generated ${items.toLocaleString('en-US')} items, ${(bytes / 1e6).toFixed(0)} MB, in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);

const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
const store = await openStore(config);
let peak = process.memoryUsage().rss;
let progress = 'before the first item';
let peakAt = progress;
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  if (rss > peak) {
    peak = rss;
    peakAt = progress;
  }
}, 50);
const cpuBefore = process.cpuUsage();
const t0 = Date.now();
let lastReport = 0;
const summary = await importWordPress(store, {
  file,
  statuses: 'as-is',
  outbound: {},
  onProgress: (done, total) => {
    progress = `at ${done}/${total}`;
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      process.stdout.write(`  ${done}/${total} after ${((Date.now() - t0) / 1000).toFixed(0)} s, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB\n`);
    }
  },
});
const seconds = (Date.now() - t0) / 1000;
clearInterval(sampler);
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const maxRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`Peak RSS sampled every 50 ms: ${(peak / 1e6).toFixed(0)} MB (${peakAt}); the process's own maxRSS: ${(maxRss / 1e6).toFixed(0)} MB.\n`);
peak = Math.max(peak, maxRss);
await store.db.close();
rmSync(dir, { recursive: true, force: true });

const perSecond = summary.created.stories / seconds;
const line = `| ${items.toLocaleString('en-US')} | ${(bytes / 1e6).toFixed(0)} MB | ${summary.created.stories.toLocaleString('en-US')} | ${seconds.toFixed(0)} | ${cpuSeconds.toFixed(0)} | ${perSecond.toFixed(0)} | ${(peak / 1e6).toFixed(0)} MB | ${summary.redirects.toLocaleString('en-US')} |`;
process.stdout.write(`${line}\n`);

const load = os.loadavg().map((n) => n.toFixed(2)).join(' ');
const section = [
  '<!-- wordpress-import:start (written by bench/import.ts) -->',
  '## WordPress import',
  '',
  `Run ${new Date().toISOString()}: a generated WXR 1.2 export (posts of five linked paragraphs, 20 authors, 12 categories two levels deep, 50 tags, no attachments) imported as \`dateline import wordpress FILE\` does into a fresh SQLite file: two streaming passes over the file, each post in its own transaction with its source key, old paths and redirects. ${os.cpus().length} CPUs, load average at the end ${load}. Goals: ≥ 1,000 items/s on SQLite, peak RSS < 300 MB.`,
  '',
  '| items | file | stories made | seconds | CPU s | items/s | peak RSS | redirects |',
  '|---|---|---|---|---|---|---|---|',
  line,
  '',
  'Peak RSS is the whole process (Node, SQLite\'s cache, the parser) sampled every 50 ms and checked against getrusage. The machine is shared by several engineers\' tests: wall time moves with its load, CPU seconds less.',
  '<!-- wordpress-import:end -->',
].join('\n');
if (!values['no-write']) {
  const docs = path.join(root, 'docs', 'benchmarks.md');
  const current = readFileSync(docs, 'utf8');
  const marked = /<!-- wordpress-import:start[\s\S]*?<!-- wordpress-import:end -->/;
  writeFileSync(docs, marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`);
  process.stdout.write('Wrote the "WordPress import" section of docs/benchmarks.md.\n');
}
