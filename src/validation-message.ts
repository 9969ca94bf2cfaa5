/** Fastify's (Ajv's) validation issues, as far as the message needs them. */
export interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/**
 * A schema validation failure as a sentence a client developer can act on:
 * `Bad request: field "email" must match format email.` It names the field
 * or parameter and what it must be; a union of literals is said once, with
 * the accepted values. Shared by the content API and the newsroom API.
 */
export function describeValidation(context: string | undefined, issues: readonly ValidationIssue[]): string {
  const where = context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : context === 'body' ? 'field' : (context ?? 'request');
  const useful = issues.filter((issue) => !(issue.keyword === 'boolean' && issue.message === 'schema is false') && issue.keyword !== 'anyOf');
  // A union of literals fails once per literal; say it once, with the accepted values.
  const allowed = new Map<string, unknown[]>();
  for (const issue of useful) if (issue.keyword === 'const') allowed.set(issue.instancePath ?? '', [...(allowed.get(issue.instancePath ?? '') ?? []), issue.params?.allowedValue]);
  const merged = useful.filter((issue, i) => issue.keyword !== 'const' || useful.findIndex((o) => o.keyword === 'const' && o.instancePath === issue.instancePath) === i);
  const parts = merged.slice(0, 3).map((issue) => {
    if (issue.keyword === 'const') {
      const name = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      return `${where} "${name}" must be one of: ${(allowed.get(issue.instancePath ?? '') ?? []).join(', ')}`;
    }
    const name = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const extra = issue.params?.additionalProperties ?? issue.params?.additionalProperty;
    if (extra !== undefined) return `unknown ${where} "${[extra].flat().join('", "')}"`;
    if (issue.keyword === 'required' && issue.params?.requiredProperties) {
      return `missing ${where} "${[issue.params.requiredProperties].flat().join('", "')}"`;
    }
    if (issue.keyword === 'required' && issue.params?.missingProperty) return `missing ${where} "${issue.params.missingProperty}"`;
    return name ? `${where} "${name}" ${issue.message ?? 'is not valid'}` : `${where}: ${issue.message ?? 'is not valid'}`;
  });
  return `Bad request: ${parts.join('; ')}.`;
}
