import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';
import type { TestSite } from './test-site.js';

// Both are CommonJS; under NodeNext their default import is the module object.
const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof import('ajv/dist/2020.js').default;
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof import('ajv-formats').default;

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty body (304). */
  body: any;
  text: string;
}

/**
 * A client for the content API that checks EVERY JSON answer against the
 * response schema the served OpenAPI document gives for that route and
 * status, so the tests prove the document describes what the API does.
 */
export class ContentApiClient {
  private doc: any;
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, (data: unknown) => boolean>();
  /** Route templates and statuses checked, to assert every route was covered. */
  readonly checked = new Set<string>();

  constructor(
    private readonly site: Pick<TestSite, 'url'>,
    public key: string,
  ) {
    addFormats(this.ajv);
  }

  async loadDocument(): Promise<any> {
    const response = await fetch(`${this.site.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    this.doc = await response.json();
    return this.doc;
  }

  /**
   * GET `path` (under /api/v1) as the OpenAPI `route` (e.g. /api/v1/articles/{id}),
   * with the client's key unless `key` says otherwise (null: none).
   */
  async get(path: string, route: string, options: { key?: string | null; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
    const key = options.key === undefined ? this.key : options.key;
    const headers: Record<string, string> = { ...options.headers };
    if (key !== null) headers.authorization = `Bearer ${key}`;
    const response = await fetch(`${this.site.url}/api/v1${path}`, { headers, redirect: 'manual' });
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (response.status !== 304) {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      this.validate(route, response.status, body);
    }
    return { status: response.status, headers: response.headers, body, text };
  }

  private validate(route: string, status: number, body: unknown): void {
    if (!this.doc) throw new Error('loadDocument() first');
    const id = `${route} ${status}`;
    let check = this.compiled.get(id);
    if (!check) {
      const schema = this.doc.paths?.[route]?.get?.responses?.[String(status)]?.content?.['application/json']?.schema;
      if (!schema) throw new Error(`The OpenAPI document has no ${status} response for GET ${route}`);
      const validate = this.ajv.compile(schema);
      check = (data) => {
        const ok = validate(data);
        if (!ok) throw new Error(`GET ${route} ${status} does not match its OpenAPI schema: ${this.ajv.errorsText(validate.errors)}`);
        return ok;
      };
      this.compiled.set(id, check);
    }
    check(body);
    this.checked.add(id);
  }
}
