import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * One way to do each thing (issue 10, item 9): markup escaping, ETags and
 * conditional GET, bearer tokens and durations each live in one module of
 * domain/, and a source scan of src/ and of the newsroom app (admin/src;
 * tests beside the code excluded) fails when a second one appears. Each rule must also find its own module, so a
 * rule that no longer matches anything cannot pass unnoticed.
 */

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return modules(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const ADMIN = fileURLToPath(new URL('../../admin/src/', import.meta.url));

const sources = [
  ...modules(SRC).map((file) => ({ file: path.relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n') })),
  ...modules(ADMIN).map((file) => ({ file: `admin/src/${path.relative(ADMIN, file)}`, lines: readFileSync(file, 'utf8').split('\n') })),
];

interface Rule {
  what: string;
  /** The one module allowed to do it. */
  home: string;
  /** Lines that do it (comments included: a comment showing how is a copy waiting to happen). */
  patterns: RegExp[];
}

const RULES: Rule[] = [
  {
    what: 'escapes text for HTML or XML',
    home: 'domain/html-text.ts',
    patterns: [
      // An entity as a replacement value: '&amp;', "&lt;", `&quot;` …
      /['"`]&(?:amp|lt|gt|quot|apos|#0*3[89]|#x0*2[67]);['"`]/i,
      // A numeric character reference made from a character code.
      /&#x?\$\{/,
      // Replacing a markup character with an entity.
      /\.replace(?:All)?\(\s*(?:\/[^/\n]*[&<>"'][^/\n]*\/[gimsuy]*|['"][&<>"']['"])\s*,\s*['"`]&(?:[a-z]+|#x?[0-9a-f]+);/i,
    ],
  },
  {
    what: 'makes an ETag or reads If-None-Match',
    home: 'domain/conditional-get.ts',
    patterns: [
      /headers\s*\[\s*['"]if-none-match['"]\s*\](?!\s*=[^=])/i,
      /headers\.get\(\s*['"]if-none-match['"]/i,
      /\betag\w*\s*[:=]\s*[`'"]"/i,
      /\b[eE][tT]ag\w*\s*[:=][^;\n]*(?:createHash|\.digest\()/,
      /function\s+\w*etag\w*\s*\(|(?:const|let)\s+\w*etag\w*\s*=\s*(?:async\s*)?\(/i,
    ],
  },
  {
    what: 'parses a bearer token',
    home: 'domain/bearer-token.ts',
    patterns: [
      // A regular expression matching the scheme and the space after it.
      /Bearer(?:\[ \]|\\s| )[+*]/i,
      /(?:startsWith|replace|split|slice|indexOf)\(\s*['"`]Bearer/i,
      /authorization\??\.(?:split|slice|substring|replace|match|startsWith)\(/i,
    ],
  },
  {
    what: 'parses a duration such as 30s or 5m',
    home: 'domain/duration.ts',
    patterns: [/\(ms\|s\|m\|h\)|\(s\|m\|h\)/, /\bms:\s*1\s*,\s*s:\s*1000/],
  },
];

describe('one way to do each thing', () => {
  for (const rule of RULES) {
    const hits = sources.flatMap(({ file, lines }) =>
      lines.flatMap((line, index) => (rule.patterns.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}: ${line.trim().slice(0, 120)}`] : [])),
    );

    it(`${rule.what} only in ${rule.home}`, () => {
      expect(hits.filter((hit) => !hit.startsWith(`${rule.home}:`))).toEqual([]);
    });

    it(`finds ${rule.home} doing it (the rule still matches)`, () => {
      expect(hits.filter((hit) => hit.startsWith(`${rule.home}:`)).length).toBeGreaterThan(0);
    });
  }
});
