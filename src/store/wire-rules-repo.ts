import type { Db } from './database.js';

/** The sources the newsroom's Wire sources screen sets rules for. */
export type WireRulesTarget = { kind: 'default' } | { kind: 'inbox' } | { kind: 'push'; id: number } | { kind: 'poll'; id: number };

export interface WireSourceRow {
  target: WireRulesTarget;
  /** The source's name: "pws", a poll source's name; `*` for the default, `inbox` for the folder. */
  name: string;
  /** Its URL, for a polled feed. */
  url: string | null;
  /** Its rules as JSON, as stored; null when it has none of its own. */
  rulesJson: string | null;
  updatedAt: number | null;
  updatedBy: string | null;
}

/** Names the default and the inbox folder go by in wire_source_rules. */
const NAMED = { default: '*', inbox: 'inbox' } as const;

/**
 * Wire rules the newsroom sets, in the database so every node ingests with
 * them at once: the default and the inbox folder's in `wire_source_rules`
 * (migration 0029), a push or poll source's in its own row's `rules_json`.
 * Rules are stored as the JSON the rules file takes and checked by the
 * caller (domain/wire-rules.ts) before they get here.
 */
export class WireRulesRepo {
  constructor(private readonly db: Db) {}

  /** Rules set in the newsroom for a name (`*`, `inbox`, or any source name), or undefined. */
  async named(name: string): Promise<string | undefined> {
    const row = await this.db.kysely.selectFrom('wire_source_rules').select('rules_json').where('name', '=', name).executeTakeFirst();
    return row?.rules_json;
  }

  /** Every source the screen lists: the default, the inbox, live push sources and polled feeds. */
  async sources(): Promise<WireSourceRow[]> {
    const named = await this.db.kysely.selectFrom('wire_source_rules').selectAll().execute();
    const byName = new Map(named.map((r) => [r.name, r]));
    const fixed = (kind: 'default' | 'inbox'): WireSourceRow => {
      const row = byName.get(NAMED[kind]);
      return { target: { kind }, name: NAMED[kind], url: null, rulesJson: row?.rules_json ?? null, updatedAt: row?.updated_at ?? null, updatedBy: row?.updated_by ?? null };
    };
    const push = await this.db.kysely.selectFrom('wire_push_sources').select(['id', 'name', 'rules_json']).where('revoked_at', 'is', null).orderBy('name').execute();
    const poll = await this.db.kysely.selectFrom('wire_poll_sources').select(['id', 'name', 'url', 'rules_json']).orderBy('name').execute();
    return [
      fixed('default'),
      fixed('inbox'),
      ...push.map((r): WireSourceRow => ({ target: { kind: 'push', id: r.id }, name: r.name, url: null, rulesJson: r.rules_json, updatedAt: null, updatedBy: null })),
      ...poll.map((r): WireSourceRow => ({ target: { kind: 'poll', id: r.id }, name: r.name, url: r.url, rulesJson: r.rules_json, updatedAt: null, updatedBy: null })),
    ];
  }

  /** Sets (JSON) or clears (null) a source's own rules; false when there is no such source. */
  async set(target: WireRulesTarget, rulesJson: string | null, by: string, now: Date): Promise<boolean> {
    if (target.kind === 'default' || target.kind === 'inbox') {
      const name = NAMED[target.kind];
      if (rulesJson === null) {
        await this.db.kysely.deleteFrom('wire_source_rules').where('name', '=', name).execute();
        return true;
      }
      const values = { name, rules_json: rulesJson, updated_at: now.getTime(), updated_by: by };
      await this.db.kysely
        .insertInto('wire_source_rules')
        .values(values)
        .onConflict((oc) => oc.column('name').doUpdateSet({ rules_json: rulesJson, updated_at: values.updated_at, updated_by: by }))
        .execute();
      return true;
    }
    const table = target.kind === 'push' ? 'wire_push_sources' : 'wire_poll_sources';
    const result = await this.db.kysely.updateTable(table).set({ rules_json: rulesJson }).where('id', '=', target.id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
