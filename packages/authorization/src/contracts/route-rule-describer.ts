// Copyright The loopback-security-monorepo authors. License: MIT.

import {ValueOrPromise} from '@loopback/core';
import type {AuthorizationMetadata} from './metadata';

/**
 * One rule kept as data (by an extension such as
 * `@loopback/authorization-policy`) that decides calls of a route, in a form
 * a report can show: who it applies to, on which instances, and which
 * properties it covers
 */
export interface RouteRuleDescription {
  /**
   * The rule's id
   */
  id: string;
  /**
   * Whether it allows or denies
   */
  effect: 'allow' | 'deny';
  /**
   * Who it applies to: role names, built-in roles such as `$authenticated`,
   * or single principals, as the extension names them
   */
  subjects: string[];
  /**
   * The instances it applies to, as the extension writes a condition
   * (`{"ownerId": "$user.id"}`); absent: every instance
   */
  where?: object;
  /**
   * The properties it covers; absent: every property
   */
  fields?: string[];
}

/**
 * The route a describer is asked about
 */
export interface DescribedRoute {
  /**
   * The HTTP verb, lower case
   */
  verb: string;
  /**
   * The route path, as in the OpenAPI document
   */
  path: string;
  /**
   * The controller class name
   */
  controller: string;
  /**
   * The controller method name
   */
  method: string;
}

/**
 * Describes the rules kept as data that decide a route, for the access
 * report: given the rule in force for the route's method (its `@authorize`
 * metadata, or the `defaultMetadata`), it returns the rules behind it, or
 * `undefined` when the metadata is not its concern. Bind it with
 * `asRouteRuleDescriber`; the report asks every describer the server's
 * context sees, in key order, and lists what they return.
 *
 * @remarks
 * A describer only reads: it must not change the rules, and it is never on
 * the path of a request. What it throws fails the report, naming it: a
 * report that left out the rules it could not read would say less than is
 * in force.
 *
 * @param metadata - The rule in force for the route's method, frozen
 * @param route - The route
 */
export type RouteRuleDescriber = (
  metadata: Readonly<AuthorizationMetadata>,
  route: Readonly<DescribedRoute>,
) => ValueOrPromise<RouteRuleDescription[] | undefined>;
