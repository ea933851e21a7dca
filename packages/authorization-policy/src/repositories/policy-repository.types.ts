// Copyright The loopback-security-monorepo authors. License: MIT.

import {Getter} from '@loopback/core';
import {DefaultCrudRepository, Entity} from '@loopback/repository';
import {PolicyEngine} from '../engine/policy.engine';
import {PolicyReader} from '../stores/policy-store';
import {PolicyCaller, PolicyFilter} from '../types';

/**
 * Which resource type a guarded repository holds, and the action names of
 * its operations
 */
export interface PolicyRepositoryOptions {
  /**
   * The resource type, as rules name it (usually the model name)
   */
  resource: string;
  /**
   * The action of each kind of operation. Default: `read`, `create`,
   * `update`, `delete`.
   */
  actions?: Partial<Record<'read' | 'create' | 'update' | 'delete', string>>;
}

/**
 * A class of `DefaultCrudRepository`
 */
export type CrudRepositoryClass<E extends Entity, ID> = new (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ...args: any[]
) => DefaultCrudRepository<E, ID>;

/**
 * The rules in force, the caller and the filter of an action
 */
export interface PolicyScope {
  /**
   * The rules in force
   */
  engine: PolicyEngine;
  /**
   * The caller of the current request
   */
  caller: PolicyCaller;
  /**
   * The filter of the action for the caller
   */
  policy: PolicyFilter;
}

/**
 * What {@link PolicyRepositoryMixin} adds to a repository
 */
export interface PolicyGuardedRepository {
  /**
   * Where the rules in force come from
   */
  policyReader?: PolicyReader;
  /**
   * The caller of the current request
   */
  policyCaller?: Getter<PolicyCaller>;
  /**
   * The engine and the caller; rejects with 503 when either is missing or
   * the store cannot be read
   */
  policyGuard(): Promise<{engine: PolicyEngine; caller: PolicyCaller}>;
}

/**
 * The class {@link PolicyRepositoryMixin} adds to
 */
export type PolicyGuardedRepositoryClass = new (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ...args: any[]
) => PolicyGuardedRepository;
