// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingAddress} from '@loopback/core';
import {AuthorizationMetadata} from '../types';

/**
 * What `@authorize` metadata says, in a form that JSON, an OpenAPI document
 * and a review can hold: functions and binding keys become names.
 */
export interface AuthorizationRules {
  /**
   * Roles that are allowed
   */
  allowedRoles?: string[];
  /**
   * Roles that are denied
   */
  deniedRoles?: string[];
  /**
   * OAuth 2.0 scopes the caller must hold
   */
  scopes?: string[];
  /**
   * The owner of the instance may call: `owner` names the resolver (its
   * binding key, or the function's name), `instanceId` where the id comes
   * from (an argument index, or `function`)
   */
  ownership?: {owner: string; instanceId: number | 'function'};
  /**
   * Voters of the method, by binding key or function name
   */
  voters?: string[];
  /**
   * The protected resource named by the metadata
   */
  resource?: string;
  /**
   * The action on the resource, where an extension (such as the policy
   * rules of `@loopback/authorization-policy`) adds an `action` field to
   * the metadata
   */
  action?: string;
  /**
   * Authorization is skipped: anyone may call
   */
  skip?: true;
}

/**
 * Describe `@authorize` metadata as {@link AuthorizationRules}: copies, with
 * functions and binding keys named, and empty fields left out
 * @param metadata - The metadata
 */
export function describeAuthorizationRules(
  metadata: AuthorizationMetadata,
): AuthorizationRules {
  const rules: AuthorizationRules = {};
  if (metadata.skip) rules.skip = true;
  if (metadata.allowedRoles?.length) {
    rules.allowedRoles = [...metadata.allowedRoles];
  }
  if (metadata.deniedRoles?.length) {
    rules.deniedRoles = [...metadata.deniedRoles];
  }
  if (metadata.scopes?.length) rules.scopes = [...metadata.scopes];
  if (metadata.ownership) {
    const {owner, instanceId} = metadata.ownership;
    rules.ownership = {
      owner: nameOf(owner),
      instanceId:
        typeof instanceId === 'function' ? 'function' : (instanceId ?? 0),
    };
  }
  if (metadata.voters?.length) rules.voters = metadata.voters.map(nameOf);
  if (metadata.resource !== undefined) rules.resource = metadata.resource;
  // Not a field of this package: read it only when an extension set it
  const action = (metadata as {action?: unknown}).action;
  if (typeof action === 'string') rules.action = action;
  return rules;
}

/**
 * Name a voter or resolver: its binding key, or `function <name>`
 */
function nameOf(value: Function | BindingAddress): string {
  if (typeof value === 'function') {
    return `function ${value.name || '(anonymous)'}`;
  }
  return value.toString();
}

/**
 * Built-in roles, and how a reader knows them
 */
const BUILTIN_ROLE_WORDS: Record<string, string> = {
  $everyone: 'everyone',
  $authenticated: 'authenticated users',
  $unauthenticated: 'anonymous callers',
  $anonymous: 'anonymous callers',
};

/**
 * Say in one sentence what the rules allow, for a reader of the API
 * documentation: `Allowed: ADMIN; the owner of the instance. Denied: BANNED.`
 * @param rules - The rules
 */
export function describeRulesInWords(rules: AuthorizationRules): string {
  if (rules.skip) return 'Public: authorization is skipped.';
  const role = (name: string) => BUILTIN_ROLE_WORDS[name] ?? name;
  const allowed = (rules.allowedRoles ?? []).map(role);
  if (rules.ownership) allowed.push('the owner of the instance');
  const parts: string[] = [];
  if (allowed.length) parts.push(`Allowed: ${allowed.join(', ')}.`);
  if (rules.deniedRoles?.length) {
    parts.push(`Denied: ${rules.deniedRoles.map(role).join(', ')}.`);
  }
  if (rules.scopes?.length) {
    parts.push(`Required scopes: ${rules.scopes.join(', ')}.`);
  }
  if (rules.voters?.length) {
    parts.push(`Also decided by: ${rules.voters.join(', ')}.`);
  }
  if (rules.action !== undefined && rules.resource !== undefined) {
    parts.push(
      `Decided by the rules of the action "${rules.action}" on "${rules.resource}".`,
    );
  }
  if (!parts.length) parts.push('Decided by the registered authorizers.');
  return parts.join(' ');
}
