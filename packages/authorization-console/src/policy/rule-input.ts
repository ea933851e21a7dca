// Copyright The loopback-security-monorepo authors. License: MIT.

import {randomUUID} from 'node:crypto';
import {consoleError, ErrorDetail} from '../console-errors';
import {ConsolePolicyEngine, ConsoleRule} from '../types';

/**
 * How the console names a rule it checks, so that the part at fault can be
 * read back from the engine's message
 */
const NEW_RULE = '(new)';
const PREFIX = `Invalid policy rule ${NEW_RULE}: `;

/**
 * Check a rule before it is stored, with the engine's own validation, and
 * throw a 422 error whose `details` name the part at fault (`resource`,
 * `where.total`, `fields[1]`...), so that the console shows each message
 * beside its field
 * @param engine - The engine with the rules in force
 * @param input - The rule as sent
 */
export function checkRuleInput(
  engine: ConsolePolicyEngine,
  input: unknown,
): Omit<ConsoleRule, 'id'> & {id?: string} {
  const record = input as {id?: unknown} | null;
  const hasId =
    record !== null && typeof record === 'object' && record.id !== undefined;
  try {
    engine.validate(
      hasId ? input : {...(input as object), id: randomUUID()},
      NEW_RULE,
      NEW_RULE,
    );
  } catch (err) {
    const e = err as {statusCode?: number; message?: string; code?: string};
    if (e.statusCode !== 422 || typeof e.message !== 'string') throw err;
    throw invalidRule([detailOf(e.message)], e.message, e.code);
  }
  const rule = input as ConsoleRule;
  if (hasId && engine.rules().some(r => r.id === rule.id)) {
    const message = 'a rule with this id exists';
    throw invalidRule(
      [{path: 'id', message}],
      `Invalid policy rule: id: ${message}`,
    );
  }
  return rule;
}

function detailOf(message: string): ErrorDetail {
  if (!message.startsWith(PREFIX)) return {path: 'rule', message};
  const rest = message.slice(PREFIX.length);
  const colon = rest.indexOf(': ');
  return colon < 0
    ? {path: 'rule', message: rest}
    : {path: rest.slice(0, colon), message: rest.slice(colon + 2)};
}

function invalidRule(details: ErrorDetail[], message: string, code?: string) {
  return consoleError(422, code ?? 'INVALID_POLICY_RULE', message, details);
}
