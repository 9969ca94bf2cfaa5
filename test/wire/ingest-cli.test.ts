import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/cli/open-store.js';
import { loadConfig } from '../../src/config.js';
import { makeZip } from './make-zip.js';
import { pwsStory } from './wire-helpers.js';

const CLI = path.resolve('bin/dateline.js');

describe('dateline ingest and dateline wire (sqlite)', () => {
  let work: string;
  let env: Record<string, string>;
  const dateline = (...args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env, DATABASE_URL: '' }, encoding: 'utf8', cwd: work });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'dateline-ingest-cli-'));
    // Wire rules hold copy for the desk by default; this newsroom's WIRE_RULES publishes its agency at once.
    await writeFile(path.join(work, 'auto.json'), JSON.stringify({ name: 'pws', agency: 'Pacific Wire Service', publish: 'auto' }));
    env = { DATA_DIR: path.join(work, 'data'), WIRE_RULES: path.join(work, 'auto.json') };
    const store = await openStore(loadConfig(env));
    for (const [slug, name] of [['news', 'News'], ['sports', 'Sports']] as const) await store.sections.create({ slug, name });
    await store.db.close();
    await mkdir(path.join(work, 'in', 'day1'), { recursive: true });
    const story = (uri: string, version: number, headline: string) => new TextDecoder().decode(pwsStory({ uri, version, headline, firstcreated: '2020-01-01T00:00:00Z', versioncreated: `2020-01-0${version}T00:00:00Z` }));
    await writeFile(path.join(work, 'in', 'day1', 'a.json'), story('urn:pws:cli:a', 1, 'Alpha story moves'));
    await writeFile(path.join(work, 'in', 'day1', 'broken.json'), '{"uri": "urn:pws:cli:broken", ');
    await writeFile(
      path.join(work, 'in', 'later.zip'),
      makeZip([
        { name: 'b.json', data: story('urn:pws:cli:b', 1, 'Bravo story moves'), deflate: true },
        { name: 'a2.json', data: story('urn:pws:cli:a', 2, 'Alpha story updated') },
      ]),
    );
    await writeFile(path.join(work, 'in', 'damaged.zip'), 'PK not really a zip');
    await writeFile(path.join(work, 'hold.json'), JSON.stringify({ name: 'pws', agency: 'Pacific Wire Service', publish: 'hold' }));
  }, 60_000);
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('ingests folders, zips and patterns, prints the summary and the quarantine, and exits 0', () => {
    const first = dateline('ingest', 'in');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/2 new, 1 updated, 0 unchanged, 0 withdrawn, 0 held, 0 skipped, 2 quarantined/);
    expect(first.stdout).toMatch(/broken\.json: the JSON ends too early/);
    expect(first.stdout).toMatch(/damaged\.zip: the zip archive cannot be read/);
    const again = dateline('ingest', 'in/**/*.json', 'in/*.zip');
    expect(again.stdout).toMatch(/0 new, 0 updated, 3 unchanged/);
  });

  it('lists the quarantine, shows an item’s history, and holds stories by the rules', async () => {
    const quarantine = dateline('wire', 'quarantine');
    expect(quarantine.code).toBe(0);
    expect(quarantine.stdout).toMatch(/#\d+ {2}\S+ {2}file {2}\S*broken\.json\n {4}the JSON ends too early/);
    const history = dateline('wire', 'history', 'urn:pws:cli:a');
    expect(history.stdout).toMatch(/now version 2 \(live\)/);
    expect(history.stdout).toMatch(/v1 .* usable {2}new/);
    expect(history.stdout).toMatch(/v2 .* usable {2}updated/);
    await writeFile(path.join(work, 'c.json'), pwsStory({ uri: 'urn:pws:cli:c', headline: 'Charlie waits for the desk' }));
    const held = dateline('ingest', 'c.json', '--rules', 'hold.json');
    expect(held.stdout).toMatch(/1 held/);
    expect(dateline('wire', 'queue').stdout).toMatch(/Charlie waits for the desk/);
    const id = /#(\d+)/.exec(quarantine.stdout)?.[1] as string;
    const retried = dateline('wire', 'retry', id);
    expect(retried.stdout).toMatch(/Still failing/);
  });

  it('answers bad arguments with what to do', async () => {
    const missing = dateline('ingest', 'nowhere/*.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Nothing to ingest at nowhere\/\*\.json/);
    const section = dateline('ingest', 'c.json', '--section', 'weather');
    expect(section.code).toBe(2);
    expect(section.stderr).toMatch(/There is no section "weather"[\s\S]*Use one of: news, sports/);
    await writeFile(path.join(work, 'bad-rules.json'), JSON.stringify({ publish: 'sometimes' }));
    const rules = dateline('ingest', 'c.json', '--rules', 'bad-rules.json');
    expect(rules.code).toBe(2);
    expect(rules.stderr).toMatch(/bad-rules\.json: \/publish must be "auto" or "hold"/);
    expect(dateline('ingest', '--help').stdout).toMatch(/Usage: dateline ingest PATH/);
    expect(dateline('wire', 'retry', '--help').stdout).toMatch(/Usage: dateline wire retry ID/);
    expect((await readFile(path.join(work, 'hold.json'), 'utf8')).length).toBeGreaterThan(0);
  });
});
