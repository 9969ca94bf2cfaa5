import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** The parts of an OpenAPI 3.1 document the docs page reads. */
export interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Schema }>;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
};

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.25rem 4rem;color:#1a1a1a}
h1{font-size:1.8rem}h2{margin-top:2.5rem;border-bottom:2px solid #ddd}h3{margin:2rem 0 .25rem;font-size:1.1rem}
code,pre{font-family:ui-monospace,monospace;font-size:.9em}
.op h3 code{background:#eef3fa;padding:.15rem .4rem;border-radius:3px}
.method{font-weight:700;color:#0b5394}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;border-bottom:1px solid #e5e5e5;padding:.3rem .5rem;vertical-align:top}
ul.shape{list-style:none;padding-left:1.2rem;margin:.2rem 0;border-left:1px solid #ddd}
.type{color:#6a3d9a}.opt{color:#777;font-size:.85em}.desc{color:#444}
nav ul{columns:2}
`;

/** A type as a person reads it: "string (uri)", "array of object", "string or null". */
function typeName(schema: Schema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map(typeName).join(' or ');
  const types = [schema.type ?? 'any'].flat();
  return types
    .map((t) => {
      if (t === 'array') return `array of ${schema.items ? typeName(schema.items) : 'any'}`;
      const range = schema.minimum !== undefined && schema.maximum !== undefined ? ` ${schema.minimum}–${schema.maximum}` : '';
      return `${t}${schema.format ? ` (${schema.format})` : ''}${range}`;
    })
    .join(' or ');
}

/** The object (if any) a value of this schema holds fields of: itself, its items, or a member of anyOf. */
function objectIn(schema: Schema): Schema | undefined {
  if (schema.properties) return schema;
  if (schema.items) return objectIn(schema.items);
  for (const member of schema.anyOf ?? []) {
    const found = objectIn(member);
    if (found) return found;
  }
  return undefined;
}

function Shape({ schema, depth = 0 }: { schema: Schema; depth?: number }) {
  const object = objectIn(schema);
  if (!object?.properties || depth > 5) return null;
  return (
    <ul class="shape">
      {Object.entries(object.properties).map(([name, field]) => (
        <li key={name}>
          <code>{name}</code> <span class="type">{typeName(field)}</span>
          {!object.required?.includes(name) && <span class="opt"> optional</span>}
          {field.description && <span class="desc"> — {field.description}</span>}
          <Shape schema={field} depth={depth + 1} />
        </li>
      ))}
    </ul>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={id}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

const anchor = (method: string, path: string) => `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-');

/** The API reference as one server-rendered page: no script, no assets from elsewhere. */
export function renderDocsPage(doc: OpenApiDoc, prefix: string): string {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => method === 'get')
      .map(([method, op]) => ({ path, method, op })),
  );
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{doc.info.title}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <h1>{doc.info.title}</h1>
        {doc.info.description && <p>{doc.info.description}</p>}
        <p>
          Machine-readable: <a href={`${prefix}/openapi.json`}>OpenAPI 3.1 document</a>.
        </p>
        <Section id="auth" title="Authentication">
          <p>
            Every endpoint below needs an API key, sent as <code>Authorization: Bearer &lt;key&gt;</code>. A missing, wrong or
            revoked key gets <code>401</code>. An administrator makes a key with <code>dateline apikey create NAME</code>.
          </p>
          <p>
            Errors are JSON: <code>{'{ "error": { "code", "message", "hint" } }'}</code>. Every successful answer carries an{' '}
            <code>ETag</code>; send it back in <code>If-None-Match</code> to get <code>304 Not Modified</code> when nothing changed.
          </p>
        </Section>
        <nav aria-label="Endpoints">
          <h2>Endpoints</h2>
          <ul>
            {operations.map(({ path, method, op }) => (
              <li key={anchor(method, path)}>
                <a href={`#${anchor(method, path)}`}>
                  {method.toUpperCase()} {path}
                </a>{' '}
                — {op.summary}
              </li>
            ))}
          </ul>
        </nav>
        {operations.map(({ path, method, op }) => (
          <div class="op" id={anchor(method, path)} key={anchor(method, path)}>
            <h3>
              <code>
                <span class="method">{method.toUpperCase()}</span> {path}
              </code>
            </h3>
            {op.summary && <p>{op.summary}.</p>}
            {op.description && <p>{op.description}</p>}
            {op.parameters && op.parameters.length > 0 && (
              <table>
                <caption class="opt">Parameters</caption>
                <thead>
                  <tr>
                    <th>name</th>
                    <th>in</th>
                    <th>type</th>
                    <th>description</th>
                  </tr>
                </thead>
                <tbody>
                  {op.parameters.map((p) => (
                    <tr key={`${p.in}-${p.name}`}>
                      <td>
                        <code>{p.name}</code>
                        {p.required ? '' : <span class="opt"> optional</span>}
                      </td>
                      <td>{p.in}</td>
                      <td class="type">{p.schema ? typeName(p.schema) : ''}</td>
                      <td>{p.description ?? p.schema?.description ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {Object.entries(op.responses ?? {}).map(([status, response]) => {
              const schema = response.content?.['application/json']?.schema;
              return (
                <details key={status} open={status === '200'}>
                  <summary>
                    <strong>{status}</strong> {response.description}
                  </summary>
                  {schema && <Shape schema={schema} />}
                </details>
              );
            })}
          </div>
        ))}
      </body>
    </html>
  );
  return `<!doctype html>${renderToString(page)}`;
}
