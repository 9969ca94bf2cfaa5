import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandWirePaths, globRegExp } from './wire-paths.js';

describe('expandWirePaths', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-paths-'));
    for (const file of ['a/1.json', 'a/2.xml', 'a/notes.txt', 'a/deep/3.json', 'b/4.zip', '.hidden/5.json']) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), '{}');
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const rel = (files: string[]) => files.map((f) => path.relative(dir, f));

  it('takes files, folders recursively (wire files only) and patterns', async () => {
    expect(rel(await expandWirePaths(['a'], dir))).toEqual(['a/1.json', 'a/2.xml', 'a/deep/3.json']);
    expect(rel(await expandWirePaths(['a/*.json'], dir))).toEqual(['a/1.json']);
    expect(rel(await expandWirePaths(['**/*.json'], dir))).toEqual(['a/1.json', 'a/deep/3.json']);
    expect(rel(await expandWirePaths(['b/4.zip', 'a/1.json'], dir))).toEqual(['a/1.json', 'b/4.zip']);
  });
  it('says when a path matches nothing', async () => {
    await expect(expandWirePaths(['nope.json'], dir)).rejects.toThrow(/does not exist/);
    await expect(expandWirePaths(['a/*.nitf'], dir)).rejects.toThrow(/Nothing to ingest/);
  });
  it('turns patterns into expressions', () => {
    expect(globRegExp('**/x-?.json').test('a/b/x-1.json')).toBe(true);
    expect(globRegExp('*.json').test('a/x.json')).toBe(false);
  });
});
