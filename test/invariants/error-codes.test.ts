import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors.js';
import { HTTP_STATUS } from '../../src/http-status.js';

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
