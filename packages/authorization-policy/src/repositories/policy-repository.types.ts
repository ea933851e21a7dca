// Copyright The loopback-security-monorepo authors. License: MIT.

import {Getter} from '@loopback/core';
import {DefaultCrudRepository, Entity} from '@loopback/repository';
import {PolicyCall} from '../calls/policy-call';
import {PolicyReader} from '../stores/policy-store';
import {PolicyCaller} from '../types';
import {PolicyGuard} from './policy-guard';

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
   * The method calls of the current request
   */
  policyCall?: Getter<PolicyCall | undefined>;
  /**
   * The guard of one operation: the rules in force and the caller; rejects
   * with 503 when either is missing or the store cannot be read
   */
  policyGuard(): Promise<PolicyGuard>;
  /**
   * Check that the caller may perform an action on one instance, without
   * writing it (404 for an instance the caller may not read, 403 for one it
   * may read but not act on)
   * @param id - The instance id
   * @param action - The action; default: the one the method names at its
   * door, else `read`
   */
  checkInstanceAction(id: unknown, action?: string): Promise<void>;
}

/**
 * The class {@link PolicyRepositoryMixin} adds to
 */
export type PolicyGuardedRepositoryClass = new (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ...args: any[]
) => PolicyGuardedRepository;
