import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * Reads the demo newsroom's content from the data files in `content/`:
 * one Markdown file per story (YAML front matter, then the body's paragraphs
 * separated by blank lines), `newsroom.yaml` for sections, authors, sponsors
 * and newsletters, and one committed picture file per picture key.
 *
 * Editors of the demo change words there, not code. Every file is checked as
 * it is read, and a mistake names the file and the field to fix.
 */

/** The content folder: beside this module in src/, copied beside it into dist-server/ by scripts/build-server.mjs. */
export const DEMO_CONTENT_DIR = fileURLToPath(new URL('./content/', import.meta.url));

/** Where the committed pictures are; `<key>.jpg` each. */
export const DEMO_PICTURE_DIR = path.join(DEMO_CONTENT_DIR, 'pictures');

export class DemoContentError extends Error {}

type Fields = Record<string, unknown>;

/** Field readers that name the file and the field when a value is missing or of the wrong kind. */
export class FieldReader {
  constructor(
    readonly file: string,
    private readonly fields: Fields,
  ) {}

  private fail(name: string, expected: string): never {
    throw new DemoContentError(`${this.file}: "${name}" must be ${expected}; it is ${JSON.stringify(this.fields[name]) ?? 'missing'}.`);
  }

  string(name: string): string {
    const value = this.fields[name];
    if (typeof value !== 'string' || value.trim() === '') this.fail(name, 'a non-empty text');
    return value.trim();
  }

  optionalString(name: string): string | undefined {
    return this.fields[name] === undefined || this.fields[name] === null ? undefined : this.string(name);
  }

  number(name: string): number {
    const value = this.fields[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) this.fail(name, 'a number of 0 or more');
    return value;
  }

  optionalNumber(name: string): number | undefined {
    return this.fields[name] === undefined || this.fields[name] === null ? undefined : this.number(name);
  }

  strings(name: string): string[] {
    const value = this.fields[name];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '')) this.fail(name, 'a list of texts');
    return (value as string[]).map((v) => v.trim());
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.fields[name];
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) this.fail(name, `one of ${allowed.join(', ')}`);
    return value as T;
  }

  object(name: string): FieldReader {
    const value = this.fields[name];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(name, 'a group of fields');
    return new FieldReader(`${this.file} (${name})`, value as Fields);
  }

  list(name: string): FieldReader[] {
    const value = this.fields[name];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
      this.fail(name, 'a list of groups of fields');
    }
    return (value as Fields[]).map((v, i) => new FieldReader(`${this.file} (${name} #${i + 1})`, v));
  }

  /** Fails on a field the reader does not know, so a misspelt name is not silently ignored. */
  only(names: readonly string[]): this {
    const unknown = Object.keys(this.fields).filter((k) => !names.includes(k));
    if (unknown.length > 0) throw new DemoContentError(`${this.file}: unknown field "${unknown[0]}"; the fields are ${names.join(', ')}.`);
    return this;
  }
}

export interface MarkdownDocument {
  /** File name without `.md`: the story's key. */
  key: string;
  fields: FieldReader;
  /** The body's paragraphs: blocks separated by blank lines, each joined into one line. */
  paragraphs: string[];
}

/** Splits a Markdown file into its YAML front matter and its paragraphs. */
export function parseMarkdown(file: string, text: string): { fields: FieldReader; paragraphs: string[] } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) throw new DemoContentError(`${file}: must start with front matter between two "---" lines.`);
  let front: unknown;
  try {
    front = parse(match[1] as string);
  } catch (error) {
    throw new DemoContentError(`${file}: the front matter is not valid YAML (${(error as Error).message.split('\n')[0]}).`);
  }
  if (typeof front !== 'object' || front === null || Array.isArray(front)) {
    throw new DemoContentError(`${file}: the front matter must be fields such as "headline: …".`);
  }
  const paragraphs = (match[2] as string)
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter(Boolean);
  if (paragraphs.length === 0) throw new DemoContentError(`${file}: has no body after the front matter.`);
  return { fields: new FieldReader(file, front as Fields), paragraphs };
}

/** Every `.md` file of a content sub-folder, in name order. */
export function readMarkdownFolder(folder: string): MarkdownDocument[] {
  const dir = path.join(DEMO_CONTENT_DIR, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const file = `${folder}/${name}`;
      return { key: name.slice(0, -3), ...parseMarkdown(file, readFileSync(path.join(dir, name), 'utf8')) };
    });
}

/** A YAML file of the content folder, as fields. */
export function readYaml(name: string): FieldReader {
  const text = readFileSync(path.join(DEMO_CONTENT_DIR, name), 'utf8');
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new DemoContentError(`${name}: not valid YAML (${(error as Error).message.split('\n')[0]}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DemoContentError(`${name}: must hold named lists.`);
  return new FieldReader(name, value as Fields);
}
