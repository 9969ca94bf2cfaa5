/**
 * `npx tsx bench/push-stall.ts [--items 500]`: the longest event-loop stall while one push of N
 * wire items is stored (run with --cpu-prof to see where it goes), after one small push has warmed the
 * server (--cold: without it, so the validators' one-time compilation counts too).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startTestSite } from '../test/support/test-site.js';
import { PWS_RULES, pwsStory } from '../test/wire/wire-helpers.js';

const { values } = parseArgs({ options: { items: { type: 'string', default: '500' }, cold: { type: 'boolean', default: false } } });
const site = await startTestSite('sqlite', { env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', RATE_LIMIT_PUSH: '0', WIRE_POLLING: 'false', SCHEDULER_INTERVAL_MS: '0' } });
try {
  const token = (await site.store.wirePush.create('bench', JSON.stringify(PWS_RULES))).token;
  const items = Array.from({ length: Number(values.items) }, (_, i) =>
    JSON.parse(new TextDecoder().decode(pwsStory({ uri: `urn:bench:stall:${i}`, headline: `Bench item ${i} about the harbor` }))),
  );
  // A running server has taken pushes before: one small push first compiles the feed validators and loads the
  // ingest modules (a one-time cost, measured with --cold), so what follows is the steady state.
  if (!values.cold) {
    const warm = JSON.parse(new TextDecoder().decode(pwsStory({ uri: 'urn:bench:stall:warm', headline: 'Warm-up item about the harbor' })));
    await fetch(`${site.url}/wire/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify([warm]) });
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  // Stalls longer than 30 ms, with when they ended, to line up with a profile.
  const stalls: string[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - last > 30) stalls.push(`${Math.round(now - last)} ms ending at +${Math.round(now - started)} ms`);
    last = now;
  }, 5);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  const pushed = await fetch(`${site.url}/wire/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(items),
  });
  const took = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  loop.disable();
  clearInterval(ticker);
  if (!pushed.ok) process.stdout.write(`${(await pushed.text()).slice(0, 600)}\n`);
  process.stdout.write(`push of ${items.length}: HTTP ${pushed.status} in ${Math.round(took)} ms; longest stall ${(loop.max / 1e6).toFixed(1)} ms\n`);
  process.stdout.write(`stalls over 30 ms:\n  ${stalls.join('\n  ')}\n`);
} finally {
  await site.close();
}
