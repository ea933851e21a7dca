// Copyright The loopback-security-monorepo authors. License: MIT.

import {Getter} from '@loopback/core';
import type {
  DefaultCrudRepository,
  Entity,
  Filter,
  ModelDefinition,
  Where,
} from '@loopback/repository';
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

/**
 * The kinds of operation of a repository, each with its action name
 */
export type OperationKind = 'read' | 'create' | 'update' | 'delete';

/**
 * What a guard guards: the resource, its model and the action names of its
 * operations
 */
export interface GuardedResource {
  /**
   * The resource type, as rules name it
   */
  readonly resource: string;
  /**
   * The action of each kind of operation
   */
  readonly actions: Readonly<Record<OperationKind, string>>;
  /**
   * The model's definition
   */
  readonly model: ModelDefinition;
}

/**
 * A query the caller may run: the filter to pass on, and what to keep of
 * each row it returns
 */
export interface ReadScope {
  /**
   * The rules' filter first, then the caller's checked condition; the
   * caller's order then the id, so that the order of the rows depends only
   * on what the caller reads
   */
  readonly filter: Filter;
  /**
   * True when the rules let the caller read nothing: skip the query
   */
  readonly matchesNothing: boolean;
  /**
   * The properties of one row the caller may read and selected, as a plain
   * object
   * @param row - A row as the database returned it
   */
  restrict(row: Record<string, unknown>): Record<string, unknown>;
}

/**
 * The condition of a write or a count, to pass on in the statement itself
 */
export interface WriteScope {
  /**
   * The rules' filter first, then the caller's or the method's condition
   */
  readonly where: Where;
  /**
   * True when no instance can match: skip the statement
   */
  readonly matchesNothing: boolean;
}

/**
 * The condition of a write or a check of one instance, with what it checks
 */
export interface InstanceScope extends WriteScope {
  /**
   * The action checked
   */
  readonly action: string;
  /**
   * The properties written; none for a check
   */
  readonly properties: readonly string[];
}
