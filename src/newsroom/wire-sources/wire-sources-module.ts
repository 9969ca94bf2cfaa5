import { readFile } from 'node:fs/promises';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DatelineError } from '../../domain/errors.js';
import { DEFAULT_RULES, parseWireRules, type WireSourceRules } from '../../domain/wire-rules.js';
import { WireRulesRepo, type WireRulesTarget } from '../../store/wire-rules-repo.js';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { Role, SessionUser } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';

/** How wire copy is placed and published is the newsroom's policy: admins only. */
const ADMINS: readonly Role[] = ['admin'];
const denied = { 401: ErrorSchema, 403: ErrorSchema };

const RulesSchema = Type.Object({
  agency: Type.String(),
  publish: Type.Union([Type.Literal('hold'), Type.Literal('auto')]),
  defaultSection: Type.String(),
  urgencyHoldAbove: Type.Union([Type.Integer(), Type.Null()]),
  tagsFromSubjects: Type.Boolean(),
  subjectRules: Type.Integer({ description: 'How many subject → section rules the source has (kept as they are when saving)' }),
  sluglineRules: Type.Integer(),
});

const SourceSchema = Type.Object({
  key: Type.String({ description: 'default, inbox, push-ID or poll-ID' }),
  kind: Type.Union([Type.Literal('default'), Type.Literal('inbox'), Type.Literal('push'), Type.Literal('poll')]),
  name: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]),
  /** Where the rules in force come from. */
  from: Type.Union([Type.Literal('newsroom'), Type.Literal('own'), Type.Literal('file'), Type.Literal('default'), Type.Literal('built-in')]),
  rules: RulesSchema,
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.Integer(), Type.Null()]),
});

const ListSchema = Type.Object({ sources: Type.Array(SourceSchema), sections: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })) });

const InputSchema = Type.Object(
  {
    agency: Type.String({ minLength: 1, maxLength: 120 }),
    publish: Type.Union([Type.Literal('hold'), Type.Literal('auto')]),
    defaultSection: Type.String({ minLength: 1, maxLength: 120 }),
    urgencyHoldAbove: Type.Union([Type.Integer({ minimum: 0, maximum: 9 }), Type.Null()]),
    tagsFromSubjects: Type.Boolean(),
  },
  { additionalProperties: false },
);

const KeyParams = Type.Object({ key: Type.String({ pattern: '^(default|inbox|push-[1-9][0-9]{0,9}|poll-[1-9][0-9]{0,9})$' }) });

/**
 * The Wire sources screen's API: each source (the default for all, the
 * inbox folder, every push source and polled feed) with the rules it
 * ingests with and where they come from; an admin sets publish hold/auto,
 * the agency's name, the default section, the urgency hold and tags. Saved
 * in the database, read at every arrival, so the change holds at once on
 * every node; the WIRE_RULES file still applies to what the newsroom has
 * not set.
 */
export async function wireSourcesModule(fastify: FastifyInstance, { store, config, clock }: NewsroomDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const repo = new WireRulesRepo(store.db);
  const tags = ['wire sources'];

  app.get('/wire-sources', { config: { roles: ADMINS }, schema: { tags, summary: 'Wire sources and the rules each ingests with', response: { 200: ListSchema, ...denied } } }, async () => {
    const file = await fileRules(config.wireRulesFile);
    const rows = await repo.sources();
    const defaultRow = rows.find((r) => r.target.kind === 'default');
    const newsroomDefault = defaultRow?.rulesJson ? checked(defaultRow.rulesJson, 'the default rules') : null;
    const fileDefault = file.find((s) => s.name === '*') ?? (file.length === 1 ? file[0] : undefined);
    const sources = rows.map((row) => {
      const name = row.target.kind === 'default' ? '*' : row.name;
      const own = row.rulesJson ? checked(row.rulesJson, `the rules of "${row.name}"`) : null;
      const fromFile = file.find((s) => s.name === name);
      let from: 'newsroom' | 'own' | 'file' | 'default' | 'built-in';
      let rules: WireSourceRules;
      if (own) [from, rules] = [row.target.kind === 'default' || row.target.kind === 'inbox' ? 'newsroom' : 'own', own];
      else if (fromFile) [from, rules] = ['file', fromFile];
      else if (row.target.kind !== 'default' && newsroomDefault) [from, rules] = ['default', newsroomDefault];
      else if (fileDefault) [from, rules] = [row.target.kind === 'default' ? 'file' : 'default', fileDefault];
      else [from, rules] = ['built-in', DEFAULT_RULES];
      return { key: keyOf(row.target), kind: row.target.kind, name: row.target.kind === 'default' ? 'All sources' : row.target.kind === 'inbox' ? 'Inbox folder' : row.name, url: row.url, from, rules: view(rules), updatedBy: row.updatedBy, updatedAt: row.updatedAt };
    });
    const sections = (await store.sections.all()).map((s) => ({ slug: s.slug, name: s.name }));
    return { sources, sections };
  });

  app.put(
    '/wire-sources/:key/rules',
    {
      config: { roles: ADMINS },
      schema: { tags, summary: 'Set a source’s rules; they hold for its next item on every node', params: KeyParams, body: InputSchema, response: { 204: Type.Null(), 400: ErrorSchema, 404: ErrorSchema, ...denied } },
    },
    async (request, reply) => {
      const target = targetOf(request.params.key);
      const input = request.body;
      const sections = await store.sections.all();
      if (!sections.some((s) => s.slug === input.defaultSection)) {
        throw new DatelineError('BAD_INPUT', `There is no section "${input.defaultSection}".`, { hint: `Choose one of: ${sections.map((s) => s.slug).join(', ')}.` });
      }
      // Subject and slugline maps (from a rules file) are kept as they were.
      const current = (await repo.sources()).find((r) => keyOf(r.target) === request.params.key);
      if (!current) throw notFound(request.params.key);
      const kept = current.rulesJson ? checked(current.rulesJson, 'the stored rules') : null;
      const doc = {
        name: current.target.kind === 'default' ? '*' : current.name,
        agency: input.agency.trim(),
        publish: input.publish,
        defaultSection: input.defaultSection,
        subjectSections: kept?.subjectSections ?? {},
        sluglineSections: kept?.sluglineSections ?? {},
        tagsFromSubjects: input.tagsFromSubjects,
        ...(input.urgencyHoldAbove !== null && { urgencyHoldAbove: input.urgencyHoldAbove }),
      };
      // The same check a rules file gets: what is stored is always what ingest can read.
      const [rules] = parseWireRules(doc, `the rules sent for "${doc.name}"`);
      const user = request.user as SessionUser;
      if (!(await repo.set(target, JSON.stringify(rules), user.name, clock()))) throw notFound(request.params.key);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/wire-sources/:key/rules',
    {
      config: { roles: ADMINS },
      schema: { tags, summary: 'Drop a source’s own rules: it follows the default again', params: KeyParams, response: { 204: Type.Null(), 404: ErrorSchema, ...denied } },
    },
    async (request, reply) => {
      const user = request.user as SessionUser;
      if (!(await repo.set(targetOf(request.params.key), null, user.name, clock()))) throw notFound(request.params.key);
      return reply.code(204).send(null);
    },
  );
}

function view(rules: WireSourceRules) {
  return {
    agency: rules.agency,
    publish: rules.publish,
    defaultSection: rules.defaultSection,
    urgencyHoldAbove: rules.urgencyHoldAbove ?? null,
    tagsFromSubjects: rules.tagsFromSubjects,
    subjectRules: Object.keys(rules.subjectSections).length,
    sluglineRules: Object.keys(rules.sluglineSections).length,
  };
}

function keyOf(target: WireRulesTarget): string {
  return target.kind === 'default' || target.kind === 'inbox' ? target.kind : `${target.kind}-${target.id}`;
}

function targetOf(key: string): WireRulesTarget {
  if (key === 'default' || key === 'inbox') return { kind: key };
  const [kind, id] = key.split('-');
  return { kind: kind as 'push' | 'poll', id: Number(id) };
}

function notFound(key: string): DatelineError {
  return new DatelineError('NOT_FOUND', `There is no wire source "${key}".`, { hint: 'Reload the Wire sources screen to see the sources there are.' });
}

function checked(json: string, what: string): WireSourceRules {
  const [rules] = parseWireRules(JSON.parse(json), what);
  return rules ?? DEFAULT_RULES;
}

/** The WIRE_RULES file's rules, read each time (an operator may edit it); a broken file shows as the built-in default here, and fails loudly at ingest. */
async function fileRules(file: string | undefined): Promise<WireSourceRules[]> {
  if (!file) return [];
  try {
    return parseWireRules(JSON.parse(await readFile(file, 'utf8')), file);
  } catch {
    // The server refused to start on a broken file already; a file broken since is reported by ingest.
    return [];
  }
}
