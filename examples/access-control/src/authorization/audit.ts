// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationDecisionRecord,
  AuthorizationVote,
  DecisionListener,
} from '@loopback/authorization';
import {Getter, inject, Provider} from '@loopback/core';
import {securityId} from '@loopback/security';
import debugFactory from 'debug';
import {AccessControlBindings} from '../keys';

/**
 * Takes one audit line. It may throw: the authorization component reports a
 * failing decision listener and never lets it change a response.
 */
export type AuditWriter = (line: string) => void;

const debugAudit = debugFactory('loopback:example:access-control:audit');

/**
 * The default {@link AuditWriter}: the debug logger
 * `loopback:example:access-control:audit`, so that nothing is printed unless
 * `DEBUG` names it (the tests stay quiet)
 * @param line - The audit line
 */
export const debugAuditWriter: AuditWriter = line => {
  // Through '%s': a line is data, never a format string
  debugAudit('%s', line);
};

/**
 * The prefix of the binding keys of the built-in authorizers, left out of
 * the audit line to keep it short
 */
const BUILTIN_AUTHORIZER_PREFIX = 'authorization.authorizers.';

/**
 * Characters printed as they are; any other makes a value quoted as a JSON
 * string. Roles and names come from tokens: quoting keeps a value with a
 * space, a bracket or a line break from forging fields or whole lines.
 */
const PLAIN = /^[\w.:@$/()-]+$/;

function field(value: string): string {
  return PLAIN.test(value) ? value : JSON.stringify(value);
}

/**
 * The short name of a voter: `roles` for the built-in role authorizer's
 * binding, the key for other bindings, `name()` for a function
 */
function voterOf(vote: AuthorizationVote): string {
  const binding = /^binding "(.*)"$/.exec(vote.voter);
  if (binding) {
    const key = binding[1];
    return key.startsWith(BUILTIN_AUTHORIZER_PREFIX)
      ? key.slice(BUILTIN_AUTHORIZER_PREFIX.length)
      : key;
  }
  const fn = /^function (.*)$/.exec(vote.voter);
  return fn ? `${fn[1]}()` : vote.voter;
}

/**
 * The audit line of an authorization decision:
 *
 * ```text
 * audit: <Allow|Deny> <Class.prototype.method> user=<id> name=<name>
 *   roles=[<role>,...] votes=[<voter>:<vote>[(<reason>)],...] [error=<code>] <ms>ms
 * ```
 *
 * on one line. A vote that says why (the policy voter names the rule that
 * decided) has its reason in parentheses. An anonymous caller is `user=anonymous`, without `name`;
 * `user=unknown` when the authorization failed with an error before the
 * caller was known. A value with characters other than letters, digits and
 * `_.:@$/()-` is quoted as a JSON string.
 *
 * @param record - The decision record of the authorization component
 */
export function formatAuditLine(record: AuthorizationDecisionRecord): string {
  const parts = ['audit:', record.decision, field(record.resource)];
  const user = record.principals[0];
  if (user === undefined) {
    // A record with an error may have no principals because the error came
    // before the caller was known (a role mapper that threw, say): do not
    // call such a caller anonymous.
    parts.push(record.error === undefined ? 'user=anonymous' : 'user=unknown');
  } else {
    parts.push(`user=${field(String(user[securityId]))}`);
    if (typeof user.name === 'string' && user.name !== user[securityId]) {
      parts.push(`name=${field(user.name)}`);
    }
  }
  parts.push(`roles=[${record.roles.map(field).join(',')}]`);
  const votes = record.votes.map(
    v =>
      `${field(voterOf(v))}:${v.decision}` +
      (v.reason === undefined ? '' : `(${field(v.reason)})`),
  );
  parts.push(`votes=[${votes.join(',')}]`);
  if (record.error !== undefined) {
    const {code, name} = record.error as Error & {code?: unknown};
    parts.push(`error=${field(typeof code === 'string' ? code : name)}`);
  }
  parts.push(`${record.durationMs.toFixed(2)}ms`);
  return parts.join(' ');
}

/**
 * The decision listener of the example: one audit line per authorization
 * decision, given to the writer bound at `AccessControlBindings.AUDIT_WRITER`.
 *
 * @remarks
 * A singleton that looks the writer up on every decision, so that rebinding
 * the writer takes effect at once. What the writer throws reaches the
 * authorization component, which logs it and answers the request as if
 * nothing happened.
 */
export class AuditDecisionListenerProvider implements Provider<DecisionListener> {
  /**
   * @param getWriter - Resolves the current audit writer
   */
  constructor(
    @inject.getter(AccessControlBindings.AUDIT_WRITER)
    private readonly getWriter: Getter<AuditWriter>,
  ) {}

  /**
   * The listener function
   */
  value(): DecisionListener {
    return async record => {
      const line = formatAuditLine(record);
      const write = await this.getWriter();
      write(line);
    };
  }
}
