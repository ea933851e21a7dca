// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationDecisionRecord,
  AuthorizationTags,
  DecisionListener,
  RoleMapper,
} from '@loopback/authorization';
import {BindingKey, Context, filterByTag} from '@loopback/core';
import {
  DefaultSubject,
  SecurityBindings,
  securityId,
  UserProfile,
} from '@loopback/security';
import {consoleError} from '../console-errors';
import {ProfileFactory} from '../types';

/**
 * Who to explain a decision for: a user by id (the roles then come from
 * the role mappers in force, as for a real request), a user with the roles
 * to suppose instead (a what-if), or nobody (an anonymous caller)
 */
export interface ExplainSubject {
  /**
   * The user; absent for an anonymous caller
   */
  user?: {
    /**
     * The user id, the `securityId` of the profile
     */
    id: string;
    /**
     * Roles to suppose instead of those the role mappers find
     */
    roles?: string[];
  };
}

const CAPTURE = BindingKey.create<DecisionListener>(
  'authorization.console.explain.capture',
);
const WHAT_IF = BindingKey.create<RoleMapper>(
  'authorization.console.explain.whatIfRoles',
);
const LISTENERS = filterByTag(AuthorizationTags.DECISION_LISTENER);
const ROLE_MAPPERS = filterByTag(AuthorizationTags.ROLE_MAPPER);
const SILENT: DecisionListener = () => {};
const NO_ROLES: RoleMapper = () => [];

/**
 * The context an explanation runs its decision in, with what it captured
 */
export interface ExplainContext {
  /**
   * A child of the server's context, holding the subject's user where
   * authentication binds a request's user
   */
  ctx: Context;
  /**
   * The record of the decision made in it, once made
   */
  record(): AuthorizationDecisionRecord | undefined;
}

/**
 * Make the context of one explanation: a child of the server's context,
 * as a request's context is, where
 *
 * - the subject's profile is bound at `SecurityBindings.USER` (and a
 *   subject holding it at `SecurityBindings.SUBJECT`), as authentication
 *   binds a request's;
 * - every decision listener the context sees is hidden behind a silent one
 *   of the same key, and one that captures the record is added, so that an
 *   explanation is never logged nor audited as a call;
 * - for a what-if, every role mapper is hidden behind one that finds
 *   nothing, and one that returns the supposed roles is added; the role
 *   hierarchy still applies.
 *
 * Close the context when done.
 *
 * @param parent - The server's context
 * @param subject - Who asks
 * @param profileFactory - Builds the profile of a user, if bound
 */
export async function createExplainContext(
  parent: Context,
  subject: ExplainSubject,
  profileFactory?: ProfileFactory,
): Promise<ExplainContext> {
  const ctx = new Context(parent, 'authorization-explain');
  const {user} = subject;
  if (user) {
    const profile = await profileOf(user.id, profileFactory);
    const principal = new DefaultSubject();
    principal.addUser(profile);
    ctx.bind(SecurityBindings.USER).to(profile);
    ctx.bind(SecurityBindings.SUBJECT).to(principal);
  }
  for (const binding of ctx.find(LISTENERS)) {
    ctx.bind(binding.key).to(SILENT).tag(AuthorizationTags.DECISION_LISTENER);
  }
  let captured: AuthorizationDecisionRecord | undefined;
  ctx
    .bind(CAPTURE)
    .to(record => {
      captured = record;
    })
    .tag(AuthorizationTags.DECISION_LISTENER);
  const roles = user?.roles;
  if (roles) {
    for (const binding of ctx.find(ROLE_MAPPERS)) {
      ctx.bind(binding.key).to(NO_ROLES).tag(AuthorizationTags.ROLE_MAPPER);
    }
    const supposed = Object.freeze([...roles]);
    ctx
      .bind(WHAT_IF)
      .to(() => [...supposed])
      .tag(AuthorizationTags.ROLE_MAPPER);
  }
  return {ctx, record: () => captured};
}

/**
 * The profile of a user to explain: the factory's, else the id alone
 * @param id - The user id
 * @param factory - Builds the profile of a user, if bound
 */
export async function profileOf(
  id: string,
  factory: ProfileFactory | undefined,
): Promise<UserProfile> {
  const built = factory ? await factory({id}) : undefined;
  if (built == null) return {[securityId]: id, id};
  if (built[securityId] !== id) {
    throw consoleError(
      500,
      'INVALID_PROFILE',
      'The profile factory of the authorization console returned the ' +
        'profile of another user',
    );
  }
  return built;
}
