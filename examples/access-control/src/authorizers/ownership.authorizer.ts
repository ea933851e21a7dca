// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationMetadata,
  Authorizer,
} from '@loopback/authorization';
import {ContextView, filterByTag, inject, Provider} from '@loopback/core';
import {securityId} from '@loopback/security';
import debugFactory from 'debug';
import {AccessControlTags} from '../keys';

const debug = debugFactory('loopback:example:access-control:ownership');

/**
 * A repository whose instances have an owner. Bind it with the tag
 * `AccessControlTags.OWNED_RESOURCE` set to the resource name, for example
 * `{ownedResource: 'order'}`.
 */
export interface OwnedResourceRepository {
  /**
   * Who owns an instance
   * @param id - The instance id
   * @returns The user id of the owner, or `undefined` when the instance does
   * not exist
   */
  findOwnerId(id: string): Promise<string | undefined>;
}

/**
 * Allows the owner of the instance a method works on.
 *
 * @remarks
 * The rule lives in the metadata, not in route names: a method opts in with
 * `@authorize({resource: 'order', ...})`, and its first argument is the id of
 * the instance. The repository tagged with that resource name says who owns
 * it.
 *
 * The voter allows the owner and abstains in every other case: no resource,
 * no repository for it, an anonymous caller, another owner, and an instance
 * that does not exist. Abstaining on a missing instance is what keeps its
 * existence secret: a customer asking for an order that does not exist gets
 * the same default Deny (403) as for somebody else's order, while roles that
 * may read any order are allowed by the role authorizer and then get the 404
 * of the controller. It never votes Deny, which would overrule the role
 * authorizer for customer service and admins.
 */
export class OwnershipAuthorizerProvider implements Provider<Authorizer> {
  /**
   * @param owned - The repositories tagged as owned resources; a view, so the
   * lookup happens once and repositories bound later are still seen
   */
  constructor(
    @inject.view(filterByTag(AccessControlTags.OWNED_RESOURCE))
    private readonly owned: ContextView<OwnedResourceRepository>,
  ) {}

  /**
   * The authorizer function
   */
  value(): Authorizer {
    return (ctx, metadata) => this.authorize(ctx, metadata);
  }

  /**
   * Vote Allow if the caller owns the instance, else Abstain
   * @param ctx - The authorization context
   * @param metadata - The `@authorize` metadata of the method
   */
  async authorize(
    ctx: AuthorizationContext,
    metadata: AuthorizationMetadata,
  ): Promise<AuthorizationDecision> {
    const {resource} = metadata;
    const caller = ctx.principals[0]?.[securityId];
    const id = ctx.invocationContext.args[0];
    if (resource === undefined || caller === undefined) {
      return AuthorizationDecision.ABSTAIN;
    }
    if (typeof id !== 'string') return AuthorizationDecision.ABSTAIN;
    const binding = this.owned.bindings.find(
      b => b.tagMap[AccessControlTags.OWNED_RESOURCE] === resource,
    );
    if (binding === undefined) return AuthorizationDecision.ABSTAIN;
    const repository = await ctx.invocationContext.get<OwnedResourceRepository>(
      binding.key,
    );
    const owner = await repository.findOwnerId(id);
    debug('%s %s is owned by %s; caller %s', resource, id, owner, caller);
    return owner !== undefined && owner === caller
      ? AuthorizationDecision.ALLOW
      : AuthorizationDecision.ABSTAIN;
  }
}
