import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

/**
 * The README's "Running it" table is the operator's list of settings: every
 * environment variable the configuration reads is there, and nothing is
 * there that the configuration ignores. Which variables are read is observed,
 * not listed by hand: loadConfig runs against environments that record every
 * name it looks up, in the situations that read more (an S3 media store, mail
 * with DKIM, a fallback store).
 */

function namesRead(): Set<string> {
  const read = new Set<string>();
  const scenarios: Array<Record<string, string>> = [
    {},
    {
      MEDIA_STORE: 's3',
      MEDIA_STORE_FALLBACK: 'files',
      S3_BUCKET: 'pictures',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
    },
    { SMTP_URL: 'smtp://mail.example.test:587', DKIM_DOMAIN: 'example.test', DKIM_SELECTOR: 'news', DKIM_PRIVATE_KEY_FILE: '/nonexistent/dkim.pem' },
    { DATABASE_URL: 'postgres://dateline@127.0.0.1:5432/dateline' },
  ];
  for (const values of scenarios) {
    const env = new Proxy(values, {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return target[name as string];
      },
      has(target, name) {
        if (typeof name === 'string') read.add(name);
        return name in target;
      },
    });
    try {
      loadConfig(env, '/tmp');
    } catch {
      // A scenario may be refused (a key file that does not exist); the names it read still count.
    }
  }
  return read;
}

function namesInReadme(): Set<string> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = /^## Running it\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const first = line.split('|')[1] ?? '';
    for (const [, name] of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(name as string);
  }
  return names;
}

describe("the README's settings table and src/config.ts", () => {
  const read = namesRead();
  const documented = namesInReadme();

  it('finds both lists', () => {
    expect(read.size).toBeGreaterThan(30);
    expect(documented.size).toBeGreaterThan(30);
  });

  it('documents every environment variable the configuration reads', () => {
    expect([...read].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });

  it('documents no variable the configuration ignores', () => {
    expect([...documented].filter((name) => !read.has(name)).sort()).toEqual([]);
  });
});
