/**
 * `npm run bench:import`: generates a WordPress export (WXR 1.2) of
 * --items posts (default 200,000 at about 5 KB each: about 1 GB, no
 * attachments), imports it into a fresh SQLite file by running
 * `dateline import wordpress FILE` (bin/dateline.js) as its own process, and
 * reports items per second and that process's peak resident memory
 * (--via in-process: the importer called inside this process instead, as
 * the first measurements were taken). Writes a "WordPress import" section
 * into docs/benchmarks.md.
 *
 *   npx tsx bench/import.ts [--items 200000] [--keep FILE] [--no-write] [--via cli|in-process] [--node=--flag]…
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '../src/cli/open-store.js';
import { loadConfig } from '../src/config.js';
import { importWordPress } from '../src/importers/wordpress/wordpress-import.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { items: { type: 'string' }, 'no-write': { type: 'boolean' }, keep: { type: 'string' }, via: { type: 'string', default: 'cli' }, node: { type: 'string', multiple: true } },
});
const items = Number(values.items ?? 200_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-import-'));
// --keep FILE: the export is generated there once and reused by later runs of the same size.
const file = values.keep ?? path.join(dir, 'export.xml');

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
const sizeMark = `${file}.items`;
const reuse = values.keep !== undefined && existsSync(file) && existsSync(sizeMark) && readFileSync(sizeMark, 'utf8') === String(items);
if (!reuse) {
  await generate();
  if (values.keep !== undefined) writeFileSync(sizeMark, String(items));
}
const bytes = statSync(file).size;
process.stdout.write(`${reuse ? 'Reused' : 'Generated'} ${items.toLocaleString('en-US')} items, ${(bytes / 1e6).toFixed(0)} MB, in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);

const env = { DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' };
const run = values.via === 'in-process' ? await importInProcess() : await importByCommand();
rmSync(dir, { recursive: true, force: true });
const { seconds, cpuSeconds, peak } = run;
const summary = { created: { stories: run.stories }, redirects: run.redirects };

interface Run {
  seconds: number;
  cpuSeconds: number;
  peak: number;
  stories: number;
  redirects: number;
}

/**
 * What a user runs: `dateline import wordpress FILE` (bin/dateline.js) as its own process, its resident
 * memory read from /proc every 50 ms (VmHWM, the kernel's own peak, so a peak between samples counts too).
 * --node FLAG passes flags to that node (e.g. --node=--max-old-space-size=128).
 */
async function importByCommand(): Promise<Run> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [...(values.node ?? []), path.join(root, 'bin', 'dateline.js'), 'import', 'wordpress', file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  // The command may start itself again with heap flags (bin/dateline.js): every process of the tree counts,
  // each at its own peak (their sum bounds what they held at once).
  const peaks = new Map<number, number>();
  const ticks = new Map<number, number>();
  const tree = (pid: number): number[] => {
    let children: number[] = [];
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      // Ended.
    }
    return [pid, ...children.flatMap(tree)];
  };
  const sample = () => {
    for (const pid of tree(child.pid as number)) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024));
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        ticks.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        // The process has just ended.
      }
    }
  };
  const sampler = setInterval(sample, 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`dateline import exited with ${code}:\n${out.slice(-2000)}`);
  const count = (pattern: RegExp) => Number(pattern.exec(out)?.[1] ?? 0);
  const peak = [...peaks.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`Peak RSS of the command (VmHWM): ${[...peaks.values()].map((p) => `${(p / 1e6).toFixed(0)} MB`).join(' + ')} = ${(peak / 1e6).toFixed(0)} MB.\n`);
  // Clock ticks are 1/100 s on Linux.
  const cpuTicks = [...ticks.values()].reduce((a, b) => a + b, 0);
  return { seconds: (Date.now() - t0) / 1000, cpuSeconds: cpuTicks / 100, peak, stories: count(/(\d+) stor(?:y|ies)\b/), redirects: count(/now redirect: (\d+)/) };
}

/** The importer called inside this process (under tsx), as the first measurements were taken. */
async function importInProcess(): Promise<Run> {
  const config = loadConfig(env);
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
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`Peak RSS sampled every 50 ms: ${(peak / 1e6).toFixed(0)} MB (${peakAt}); the process's own maxRSS: ${(maxRss / 1e6).toFixed(0)} MB.\n`);
  await store.db.close();
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peak: Math.max(peak, maxRss), stories: summary.created.stories, redirects: summary.redirects };
}

const perSecond = summary.created.stories / seconds;
const line = `| ${items.toLocaleString('en-US')} | ${(bytes / 1e6).toFixed(0)} MB | ${summary.created.stories.toLocaleString('en-US')} | ${seconds.toFixed(0)} | ${cpuSeconds.toFixed(0)} | ${perSecond.toFixed(0)} | ${(peak / 1e6).toFixed(0)} MB | ${summary.redirects.toLocaleString('en-US')} |`;
process.stdout.write(`${line}\n`);

const load = os.loadavg().map((n) => n.toFixed(2)).join(' ');
const section = [
  '<!-- wordpress-import:start (written by bench/import.ts) -->',
  '## WordPress import',
  '',
  `Run ${new Date().toISOString()}: a generated WXR 1.2 export (posts of five linked paragraphs, 20 authors, 12 categories two levels deep, 50 tags, no attachments) imported ${values.via === 'in-process' ? 'inside the benchmark\'s process (under tsx), as `dateline import wordpress FILE` does' : `by running \`dateline import wordpress FILE\`${values.node ? ` with node ${values.node.join(' ')}` : ''} as its own process`} into a fresh SQLite file: two streaming passes over the file, each post in its own transaction with its source key, old paths and redirects. ${os.cpus().length} CPUs, load average at the end ${load}. Goals: ≥ 1,000 items/s on SQLite, peak RSS < 300 MB.`,
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
