import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors.js';
import { HTTP_STATUS } from '../../src/http-status.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return modules(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const sources = modules(SRC).map((file) => ({ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }));

/** `file:line` of each match of a pattern (which must have the g flag) in the sources' code (not comments), skipping one module. */
function findAll(pattern: RegExp, except = ''): Array<{ at: string; match: RegExpMatchArray }> {
  return sources
    .filter(({ file }) => file !== except)
    .flatMap(({ file, text }) =>
      [...text.matchAll(pattern)].flatMap((match) => {
        const before = text.slice(0, match.index).split('\n');
        const line = `${before.at(-1)}${text.slice(match.index).split('\n')[0]}`;
        return /^\s*(?:\*|\/\/|\/\*)/.test(line) ? [] : [{ at: `${file}:${before.length}`, match }];
      }),
    );
}

describe('docs/errors.md', async () => {
  const doc = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map((m) => ({ code: m[1] as string, http: (m[2] as string).trim() }));

  it('documents every error code the code can raise, and no others', () => {
    expect(rows.map((r) => r.code).sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('states the HTTP status each code answers with, as the server maps it', () => {
    for (const { code, http } of rows) {
      const status = HTTP_STATUS[code as keyof typeof HTTP_STATUS];
      // Codes that stop the process at start are documented by their exit instead of a status.
      if (http.startsWith('—')) expect(status, code).toBe(500);
      else expect(Number(http), code).toBe(status);
    }
  });
});

describe('the error catalogue (src/domain/errors.ts)', () => {
  it('has the code every edge answers an unexpected failure with', () => {
    expect(ERROR_CODES).toHaveProperty('INTERNAL');
    expect(HTTP_STATUS.INTERNAL).toBe(500);
  });

  it('is the only place an error body is built: every edge sends errorBody(...)', () => {
    // Written out by hand: sent as it is, or an `{ error: { code ... } }` value (types and schemas say `code: string`).
    const byHand = [
      ...findAll(/\.send\(\s*\{\s*error\s*:/g, 'domain/errors.ts'),
      ...findAll(/\{\s*error\s*:\s*\{\s*code\s*(?:[,}]|:\s*(?!string\b)\S)/g, 'domain/errors.ts'),
    ].map((hit) => hit.at);
    expect(byHand).toEqual([]);
    expect(findAll(/\berrorBody\(/g).length).toBeGreaterThan(10);
  });

  it('lists every code written anywhere in src/ (a code in an object or type is one a client can receive)', () => {
    const codes = [
      ...findAll(/\bcode\s*:\s*['"`]([A-Z][A-Z0-9_]+)['"`]/g),
      ...findAll(/\b(?:errorBody|DatelineError)\(\s*['"`]([A-Z][A-Z0-9_]+)['"`]/g),
    ];
    expect(codes.length).toBeGreaterThan(100);
    const unknown = codes.filter(({ match }) => !((match[1] as string) in ERROR_CODES)).map(({ at, match }) => `${at}: ${match[1]}`);
    expect(unknown).toEqual([]);
  });
});
