// Copyright The loopback-security-monorepo authors. License: MIT.

import type {RouteCheckOptions} from './route-checks.options';
import {AuthorizationDecision} from '../contracts/decision';
import type {AuthorizationMetadata} from '../contracts/metadata';

/**
 * Options of `AuthorizationComponent`, bound with
 * `app.configure(AuthorizationBindings.COMPONENT).to(options)`, or on a
 * server or request context the same way: each call reads the options its
 * own invocation context sees, the nearest configuration winning
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
   * How long, in milliseconds, the whole decision may take before the call
   * is denied with a `VOTER_TIMEOUT` error (status 503) that names the step
   * still pending: resolving the user or the binding of a mapper, voter or
   * decision listener, or the answer of a mapper or voter. Off by default: a
   * step that never settles then holds the call forever, as in the published
   * package.
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
