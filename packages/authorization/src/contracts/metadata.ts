// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingAddress, ValueOrPromise} from '@loopback/core';
import type {AuthorizationContext, Authorizer} from './authorizer';
import type {AuthorizerResult} from './decision';

/**
 * A voter of `@authorize`: any authorizer, one that explains its votes
 * included
 */
export type MetadataVoter = Authorizer<AuthorizationMetadata, AuthorizerResult>;

/**
 * Authorization metadata of a method or a class, set with `@authorize`.
 *
 * @remarks
 * An interface, so that other packages may add optional fields through module
 * augmentation; keys this package does not know are kept, except the ones
 * that look like a typo of a known key.
 */
export interface AuthorizationMetadata {
  /**
   * Roles that are allowed; built-in roles such as `$everyone` included
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
  voters?: (MetadataVoter | BindingAddress<MetadataVoter>)[];
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
 * (non-empty strings, or finite numbers compared as their decimal string,
 * the type of `securityId`), or `undefined` when there is no such instance
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
