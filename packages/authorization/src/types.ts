// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  BindingAddress,
  InvocationContext,
  ValueOrPromise,
} from '@loopback/core';
import {Principal, Role} from '@loopback/security';
import type {RouteCheckOptions} from './routes/route-checks.options';

/**
 * The decision of one authorizer, and the final decision of the vote
 */
export enum AuthorizationDecision {
  /**
   * Access allowed
   */
  ALLOW = 'Allow',
  /**
   * Access denied
   */
  DENY = 'Deny',
  /**
   * No decision: leave it to the other authorizers
   */
  ABSTAIN = 'Abstain',
}

/**
 * Built-in role that every caller has, authenticated or not
 */
export const EVERYONE = '$everyone';

/**
 * Built-in role of a caller with an authenticated user
 */
export const AUTHENTICATED = '$authenticated';

/**
 * Built-in role of a caller without an authenticated user
 */
export const UNAUTHENTICATED = '$unauthenticated';

/**
 * Built-in role of an anonymous caller (the same callers as
 * {@link UNAUTHENTICATED})
 */
export const ANONYMOUS = '$anonymous';

/**
 * A voter in the authorization decision: it looks at the authorization
 * context and the metadata of the method and votes Allow, Deny or Abstain.
 *
 * @remarks
 * Anything other than the three {@link AuthorizationDecision} values is not a
 * vote: this package stops the call with an error instead of guessing.
 *
 * @typeParam T - The metadata type, for authorizers that read fields of their
 * own
 */
export type Authorizer<
  T extends AuthorizationMetadata = AuthorizationMetadata,
> = (
  authorizationCtx: AuthorizationContext,
  metadata: T,
) => Promise<AuthorizationDecision>;

/**
 * Authorization metadata of a method or a class, set with `@authorize`
 */
export interface AuthorizationMetadata {
  /**
   * Roles that are allowed; built-in roles such as {@link EVERYONE} included
   */
  allowedRoles?: string[];
  /**
   * Roles that are denied. How they weigh against `allowedRoles` is the
   * voters' business; the built-in role authorizer lets the most specific
   * match decide, and a denied role wins between equally specific ones.
   */
  deniedRoles?: string[];
  /**
   * Voters for this method, asked before the globally registered ones: a
   * function, or the address of a binding whose value is one
   */
  voters?: (Authorizer | BindingAddress<Authorizer>)[];
  /**
   * The name of the protected resource, for example `order`. Voters read it
   * from the metadata; the authorization context names the method.
   */
  resource?: string;
  /**
   * OAuth 2.0 scopes that the caller must hold
   */
  scopes?: string[];
  /**
   * Skip authorization for this method: no voter is asked
   */
  skip?: boolean;
  /**
   * Let the owner of the instance the method acts on through, as the
   * ownership authorizer of `BuiltinAuthorizersComponent` decides
   */
  ownership?: OwnershipMetadata;
}

/**
 * Finds the owners of an instance: the ids of the principals that own it
 * (numbers are compared as strings, the type of `securityId`), or
 * `undefined` when there is no such instance
 */
export type OwnerResolver = (
  instanceId: unknown,
  authorizationCtx: AuthorizationContext,
) => ValueOrPromise<string | number | (string | number)[] | undefined>;

/**
 * Instance-level permission: the caller may act on an instance they own
 */
export interface OwnershipMetadata {
  /**
   * Where the instance id comes from: the index of an argument of the method
   * (default `0`), or a function of the arguments
   */
  instanceId?: number | ((args: unknown[]) => unknown);
  /**
   * Finds the owners of the instance: a function, or the address of a
   * binding whose value is one
   */
  owner: OwnerResolver | BindingAddress<OwnerResolver>;
}

/**
 * What the voters know about a call: who calls, in which roles and scopes,
 * and which method
 */
export interface AuthorizationContext {
  /**
   * The principals of the caller; empty for an anonymous caller
   */
  principals: Principal[];
  /**
   * The roles of the caller
   */
  roles: Role[];
  /**
   * The OAuth 2.0 scopes granted to the caller
   */
  scopes: string[];
  /**
   * The protected resource: the method, as `ClassName.prototype.methodName`
   * (or `ClassName.methodName` for a static method)
   */
  resource: string;
  /**
   * The context of the invocation, to resolve more information from
   */
  invocationContext: InvocationContext;
}

/**
 * A request for a policy enforcer, in the subject/object/action form that
 * engines such as casbin take
 */
export interface AuthorizationRequest {
  /**
   * The domain (tenant, realm) of the request
   */
  domain?: string;
  /**
   * The subject, for example the user id
   */
  subject: string;
  /**
   * The object, for example the resource name
   */
  object: string;
  /**
   * The action, for example the method name
   */
  action: string;
}

/**
 * An engine that turns an authorization context into a request and decides it
 */
export interface Enforcer {
  /**
   * Build the request to enforce from the authorization context
   * @param authorizationCtx - The authorization context
   */
  buildRequest(
    authorizationCtx: AuthorizationContext,
  ): Promise<AuthorizationRequest>;

  /**
   * Decide a request
   * @param request - The request
   */
  enforce(request: AuthorizationRequest): Promise<AuthorizationDecision>;
}

/**
 * Options of `AuthorizationComponent`, bound with
 * `app.configure(AuthorizationBindings.COMPONENT).to(options)`
 */
export interface AuthorizationOptions extends RouteCheckOptions {
  /**
   * The decision when every voter abstains. Default: Deny.
   */
  defaultDecision?: AuthorizationDecision.DENY | AuthorizationDecision.ALLOW;
  /**
   * The vote that ends the voting at once. With Deny (the default) the first
   * Deny wins; with Allow the first Allow wins.
   */
  precedence?: AuthorizationDecision.DENY | AuthorizationDecision.ALLOW;
  /**
   * Metadata for methods without `@authorize` (nor on their class). Without
   * it such methods are not checked.
   */
  defaultMetadata?: AuthorizationMetadata;
  /**
   * The HTTP status code of a denial. Default: 403.
   */
  defaultStatusCodeForDeny?: number;
  /**
   * Roles that include other roles, such as
   * `{ADMIN: ['MANAGER'], MANAGER: ['USER']}`: the roles that role mappers
   * find are expanded with the roles they include, so a caller with `ADMIN`
   * satisfies `allowedRoles: ['USER']`. A cycle is rejected.
   */
  roleHierarchy?: Record<string, string[]>;
  /**
   * Answer a denial of a caller without a user as "please authenticate"
   * rather than "forbidden": with `statusCode` (default 401) and a
   * `WWW-Authenticate` header with the `wwwAuthenticate` challenge (default
   * `Bearer`). A denial of an authenticated caller keeps
   * `defaultStatusCodeForDeny`. Off by default, as in the published package.
   */
  anonymousDenial?: {
    /**
     * The status code. Default: 401.
     */
    statusCode?: number;
    /**
     * The `WWW-Authenticate` challenge. Default: `Bearer`.
     */
    wwwAuthenticate?: string;
  };
  /**
   * How long, in milliseconds, a voter may take before the call is denied
   * with a `VOTER_TIMEOUT` error (status 503). Off by default: a voter that
   * never settles then holds the call forever, as in the published package.
   */
  voterTimeout?: number;
}

/**
 * The options in force when none are configured
 */
export const DEFAULT_AUTHORIZATION_OPTIONS: Readonly<
  Pick<
    Required<AuthorizationOptions>,
    'defaultDecision' | 'precedence' | 'defaultStatusCodeForDeny'
  >
> = Object.freeze({
  defaultDecision: AuthorizationDecision.DENY,
  precedence: AuthorizationDecision.DENY,
  defaultStatusCodeForDeny: 403,
});
