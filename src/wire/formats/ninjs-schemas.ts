import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { NinjsSchemaVersion } from './detect-format.js';

/**
 * The official IPTC ninjs schemas (copies in ./schemas, see LICENSE-NOTE.md),
 * compiled once each on first use. 1.3, 1.4 and 2.0 are draft-04, which Ajv 8
 * no longer reads: they are lifted to draft-07 in memory (only `id` → `$id`
 * changes; they use no other draft-04-only keyword). GeoJSON, which 2.x/3.x
 * reference by URL, is loaded from the local copy: validation never goes online.
 * `format` is not checked by Ajv (dates are parsed and checked by us).
 */
const DIALECT: Record<NinjsSchemaVersion, 'draft04' | 'draft07' | '2020'> = {
  '1.3': 'draft04',
  '1.4': 'draft04',
  '1.5': 'draft07',
  '1.6': 'draft07',
  '2.0': 'draft04',
  '2.1': '2020',
  '2.2': '2020',
  '3.0': '2020',
  '3.1': '2020',
};

export interface SchemaProblem {
  /** JSON pointer into the item. */
  pointer: string;
  message: string;
}

const compiled = new Map<NinjsSchemaVersion, ValidateFunction>();
let draft07: Ajv | null = null;
let v2020: Ajv2020 | null = null;

function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./schemas/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

function geoJson(withDialect: boolean): Record<string, unknown> {
  const schema = readSchema('GeoJSON.json');
  if (!withDialect) delete schema.$schema;
  return schema;
}

function ajvFor(dialect: 'draft04' | 'draft07' | '2020'): Ajv | Ajv2020 {
  const options = { strict: false, allErrors: true, validateFormats: false } as const;
  if (dialect === '2020') {
    v2020 ??= new Ajv2020(options).addSchema(geoJson(true));
    return v2020;
  }
  draft07 ??= new Ajv(options).addSchema(geoJson(false));
  return draft07;
}

export function ninjsValidator(version: NinjsSchemaVersion): ValidateFunction {
  const cached = compiled.get(version);
  if (cached) return cached;
  const dialect = DIALECT[version];
  const schema = readSchema(`ninjs-schema_${version}.json`);
  if (dialect === 'draft04') {
    schema.$id = schema.id;
    delete schema.id;
    delete schema.$schema;
  }
  const validate = ajvFor(dialect).compile(schema);
  compiled.set(version, validate);
  return validate;
}

/** The first few problems, most useful first: an unknown property names itself in the message. */
export function validateNinjs(version: NinjsSchemaVersion, doc: unknown, limit = 3): SchemaProblem[] {
  const validate = ninjsValidator(version);
  if (validate(doc)) return [];
  const problems = (validate.errors ?? []).map(describe);
  // allErrors reports the failed branches of every anyOf/oneOf as well; keep one line per place and message.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.pointer} ${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.slice(0, limit);
}

function describe(error: ErrorObject): SchemaProblem {
  const params = error.params as Record<string, unknown>;
  const pointer = error.instancePath || '/';
  const extra = params.additionalProperty ?? params.unevaluatedProperty;
  if (typeof extra === 'string') {
    return { pointer: `${error.instancePath}/${escapePointer(extra)}`, message: `property "${extra}" is not allowed by the ninjs schema` };
  }
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return { pointer, message: `required property "${params.missingProperty}" is missing` };
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return { pointer, message: `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { pointer, message: error.message ?? error.keyword };
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
