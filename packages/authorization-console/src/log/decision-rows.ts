// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationDecision} from '@loopback/authorization';
import {DecidedBy} from '../explain/decided-by';
import {DecisionEntry} from './decision-entry';

/**
 * The columns of the table `decision_log`, but for its id
 */
export const DECISION_COLUMNS = `
  instance text NOT NULL,
  seq bigint NOT NULL,
  time timestamptz NOT NULL,
  user_id text,
  user_name text,
  roles text[] NOT NULL,
  method text NOT NULL,
  verb text,
  path text,
  resource text,
  action text,
  decision text NOT NULL CHECK (decision IN ('Allow', 'Deny')),
  decided_by jsonb NOT NULL,
  duration_ms double precision NOT NULL`;

/**
 * A UTF-16 surrogate without its pair, which PostgreSQL refuses in `jsonb`
 * (with the `u` flag a pair is one code point, so only a lone one matches)
 */
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * A string PostgreSQL stores: each NUL character and lone surrogate
 * replaced by U+FFFD. A user id, a role or a vote's reason comes from the
 * application and its callers, and one PostgreSQL refuses must not stop the
 * decisions written with it.
 * @param text - Any string
 */
export function storableText(text: string): string {
  // NUL: refused in `text` and `jsonb` alike
  return text.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\0', '\uFFFD');
}

function storable(text: string | undefined): string | null {
  return text === undefined ? null : storableText(text);
}

/**
 * The values of a row for an entry, in the order of the columns, every
 * string made storable ({@link storableText})
 * @param entry - The entry
 * @param instance - The instance that made the decision
 */
export function rowOfEntry(entry: DecisionEntry, instance: string): unknown[] {
  return [
    storableText(instance),
    entry.seq,
    entry.time,
    storable(entry.user?.id),
    storable(entry.user?.name),
    entry.roles.map(storableText),
    storableText(entry.method),
    storable(entry.route?.verb),
    storable(entry.route?.path),
    storable(entry.resource),
    storable(entry.action),
    entry.decision,
    JSON.stringify(entry.decidedBy, (_key, value: unknown) =>
      typeof value === 'string' ? storableText(value) : value,
    ),
    entry.durationMs,
  ];
}

/**
 * The entry of a row
 * @param row - A row of `decision_log`
 */
export function entryOfRow(row: Record<string, unknown>): DecisionEntry {
  const entry: DecisionEntry = {
    seq: Number(row.seq),
    time: new Date(row.time as string | Date).toISOString(),
    roles: (row.roles as string[]) ?? [],
    method: String(row.method),
    decision:
      row.decision === AuthorizationDecision.ALLOW
        ? AuthorizationDecision.ALLOW
        : AuthorizationDecision.DENY,
    decidedBy: row.decided_by as DecidedBy,
    durationMs: Number(row.duration_ms),
  };
  if (typeof row.user_id === 'string') {
    entry.user =
      typeof row.user_name === 'string'
        ? {id: row.user_id, name: row.user_name}
        : {id: row.user_id};
  }
  if (typeof row.verb === 'string' && typeof row.path === 'string') {
    entry.route = {verb: row.verb, path: row.path};
  }
  if (typeof row.resource === 'string') entry.resource = row.resource;
  if (typeof row.action === 'string') entry.action = row.action;
  return entry;
}
