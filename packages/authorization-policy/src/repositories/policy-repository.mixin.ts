// Copyright The loopback-security-monorepo authors. License: MIT.

import {Getter, inject} from '@loopback/core';
import {
  Count,
  DataObject,
  DefaultCrudRepository,
  Entity,
  EntityNotFoundError,
  Filter,
  FilterExcludingWhere,
  Options,
  Where,
} from '@loopback/repository';
import {PolicyEngine} from '../engine/policy.engine';
import {PolicyError, PolicyErrorCode, storeUnavailable} from '../errors';
import {AuthorizationPolicyBindings} from '../keys';
import {PolicyReader} from '../stores/policy-store';
import {PolicyCaller, PolicyFilter} from '../types';
import {
  checkCallerFilter,
  checkCallerWhere,
  forbidden,
  selectedFields,
} from './caller-filter';

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

type Row = Record<string, unknown>;

/**
 * A class of `DefaultCrudRepository`
 */
export type CrudRepositoryClass<E extends Entity, ID> = new (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ...args: any[]
) => DefaultCrudRepository<E, ID>;

/**
 * Guard a `DefaultCrudRepository` with the policy rules: every operation acts
 * only on what the caller of the current request may act on.
 *
 * @remarks
 * - Reads (`find`, `findOne`, `findById`, `count`, `exists`, and inclusion
 *   of related models whose repository is guarded too) AND the rules'
 *   filter into the query; a forbidden instance answers like a missing one
 *   (`findById` throws `EntityNotFoundError`, 404). Each returned instance
 *   keeps only the properties the caller may read.
 * - Writes (`create`, `updateAll`, `updateById`, `replaceById`,
 *   `deleteAll`, `deleteById`) act only on instances the caller may write;
 *   a write of a property the caller may not write is refused with a 403
 *   `PolicyError` naming it.
 * - A caller's filter can only narrow: a `where`, `fields` or `order` that
 *   names a property the caller may not read is refused with a 403.
 * - When the store cannot be read, every operation fails with 503.
 *
 * The store and the caller are injected as properties
 * (`AuthorizationPolicyBindings.STORE` and `.CALLER`); set
 * `policyReader` and `policyCaller` yourself outside a context.
 *
 * @param superClass - A `DefaultCrudRepository` class
 * @param options - The resource type and action names
 */
export function PolicyRepositoryMixin<
  E extends Entity,
  ID,
  R extends CrudRepositoryClass<E, ID>,
>(
  superClass: R,
  options: PolicyRepositoryOptions,
): R & PolicyGuardedRepositoryClass {
  const {resource} = options;
  const actions = {
    read: 'read',
    create: 'create',
    update: 'update',
    delete: 'delete',
    ...options.actions,
  };

  class PolicyRepository extends superClass {
    /**
     * Where the rules in force come from
     */
    @inject(AuthorizationPolicyBindings.STORE, {optional: true})
    policyReader?: PolicyReader;

    /**
     * The caller of the current request
     */
    @inject.getter(AuthorizationPolicyBindings.CALLER)
    policyCaller?: Getter<PolicyCaller>;

    /**
     * The engine and the caller, or a 503 when either is missing
     */
    async policyGuard(): Promise<{engine: PolicyEngine; caller: PolicyCaller}> {
      if (!this.policyReader || !this.policyCaller) {
        throw storeUnavailable(`no policy store or caller for ${resource}`);
      }
      const engine = await this.policyReader.engine();
      const caller = await this.policyCaller();
      return {engine, caller};
    }

    override async find(filter?: Filter<E>, opts?: Options): Promise<E[]> {
      const {engine, caller} = await this.policyGuard();
      const readable = new Set(engine.fields(caller, resource, actions.read));
      checkCallerFilter(filter as Filter, readable, resource);
      const policy = engine.filter(caller, resource, actions.read);
      if (policy.matchesNothing) return [];
      const {fields, ...rest} = filter ?? {};
      // The rows come whole: the rules' conditions read the properties that
      // the caller's `fields` may leave out
      const rows = await super.find(
        {...rest, where: and(rest.where, policy)} as Filter<E>,
        opts,
      );
      const all = Object.keys(this.entityClass.definition.properties);
      const selected = selectedFields(fields, all);
      return rows.map((row: E) => {
        const permitted = engine.fields(
          caller,
          resource,
          actions.read,
          row as unknown as Row,
        );
        return restrict(this, row, permitted, selected);
      });
    }

    override async findOne(
      filter?: Filter<E>,
      opts?: Options,
    ): Promise<E | null> {
      const [first] = await this.find({...filter, limit: 1}, opts);
      return first ?? null;
    }

    override async findById(
      id: ID,
      filter?: FilterExcludingWhere<E>,
      opts?: Options,
    ): Promise<E> {
      const found = await this.find(
        {...filter, where: idWhere(this, id)} as Filter<E>,
        opts,
      );
      if (found.length === 0) {
        throw new EntityNotFoundError(this.entityClass, id);
      }
      return found[0];
    }

    override async count(where?: Where<E>, opts?: Options): Promise<Count> {
      const {engine, caller} = await this.policyGuard();
      const readable = new Set(engine.fields(caller, resource, actions.read));
      checkCallerWhere(where as Where, readable, resource);
      const policy = engine.filter(caller, resource, actions.read);
      if (policy.matchesNothing) return {count: 0};
      return super.count(and(where, policy), opts);
    }

    override async exists(id: ID, opts?: Options): Promise<boolean> {
      const {count} = await this.count(idWhere(this, id), opts);
      return count > 0;
    }

    override async create(data: DataObject<E>, opts?: Options): Promise<E> {
      const {engine, caller} = await this.policyGuard();
      const row = plain(data);
      const decision = engine.decide(caller, resource, actions.create, row);
      if (!decision.allowed) {
        throw new PolicyError(
          `Forbidden: may not create this ${resource}`,
          403,
          PolicyErrorCode.FORBIDDEN,
        );
      }
      checkWrite(
        row,
        engine.fields(caller, resource, actions.create, row),
        resource,
      );
      return super.create(data, opts);
    }

    override async createAll(
      data: DataObject<E>[],
      opts?: Options,
    ): Promise<E[]> {
      const created: E[] = [];
      for (const item of data) created.push(await this.create(item, opts));
      return created;
    }

    override async updateAll(
      data: DataObject<E>,
      where?: Where<E>,
      opts?: Options,
    ): Promise<Count> {
      const {engine, caller} = await this.policyGuard();
      const readable = new Set(engine.fields(caller, resource, actions.read));
      checkCallerWhere(where as Where, readable, resource);
      checkWrite(
        plain(data),
        engine.fields(caller, resource, actions.update),
        resource,
      );
      const policy = engine.filter(caller, resource, actions.update);
      if (policy.matchesNothing) return {count: 0};
      return super.updateAll(data, and(where, policy), opts);
    }

    override async updateById(
      id: ID,
      data: DataObject<E>,
      opts?: Options,
    ): Promise<void> {
      await writeById(
        this,
        resource,
        actions,
        id,
        data,
        opts,
        (f, o) => super.findOne(f, o),
        (d, w, o) => super.updateAll(d, w, o),
      );
    }

    override async replaceById(
      id: ID,
      data: DataObject<E>,
      opts?: Options,
    ): Promise<void> {
      await writeById(
        this,
        resource,
        actions,
        id,
        data,
        opts,
        (f, o) => super.findOne(f, o),
        (d, w, o) => super.updateAll(d, w, o),
      );
    }

    override async deleteAll(where?: Where<E>, opts?: Options): Promise<Count> {
      const {engine, caller} = await this.policyGuard();
      const readable = new Set(engine.fields(caller, resource, actions.read));
      checkCallerWhere(where as Where, readable, resource);
      const policy = engine.filter(caller, resource, actions.delete);
      if (policy.matchesNothing) return {count: 0};
      return super.deleteAll(and(where, policy), opts);
    }

    override async deleteById(id: ID, opts?: Options): Promise<void> {
      const {count} = await this.deleteAll(idWhere(this, id), opts);
      if (count === 0) throw new EntityNotFoundError(this.entityClass, id);
    }
  }
  return PolicyRepository;
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

/**
 * Update one instance: the properties written must be writable in it
 */
async function writeById<E extends Entity, ID>(
  repo: DefaultCrudRepository<E, ID> & {
    policyGuard(): Promise<{engine: PolicyEngine; caller: PolicyCaller}>;
  },
  resource: string,
  actions: {read: string; update: string},
  id: ID,
  data: DataObject<E>,
  opts: Options | undefined,
  baseFindOne: DefaultCrudRepository<E, ID>['findOne'],
  baseUpdateAll: DefaultCrudRepository<E, ID>['updateAll'],
) {
  const {engine, caller} = await repo.policyGuard();
  const policy = engine.filter(caller, resource, actions.update);
  const where = and(idWhere(repo, id), policy);
  const current = policy.matchesNothing
    ? undefined
    : await baseFindOne({where}, opts);
  if (!current) {
    // Readable but not writable: 403; not readable either: 404
    if (await repo.exists(id, opts)) {
      throw forbiddenAction(resource, actions.update);
    }
    throw new EntityNotFoundError(repo.entityClass, id);
  }
  const row = current.toJSON() as Row;
  checkWrite(
    plain(data),
    engine.fields(caller, resource, actions.update, row),
    resource,
  );
  const {count} = await baseUpdateAll(data, where, opts);
  if (count === 0) throw new EntityNotFoundError(repo.entityClass, id);
}

function idWhere<E extends Entity, ID>(
  repo: DefaultCrudRepository<E, ID>,
  id: ID,
): Where<E> {
  const name = repo.entityClass.getIdProperties()[0] ?? 'id';
  return {[name]: id} as Where<E>;
}

/**
 * The instance with only the permitted properties (and those selected by
 * the caller); related models included stay
 */
function restrict<E extends Entity, ID, T extends E>(
  repo: DefaultCrudRepository<E, ID>,
  row: T,
  permitted: string[],
  selected: Set<string> | undefined,
): T {
  const all = repo.entityClass.definition.properties;
  const keep = new Set(permitted);
  const source = row as unknown as Row;
  const data: Row = {};
  for (const key of Object.keys(source)) {
    const property = Object.prototype.hasOwnProperty.call(all, key);
    if (property && (!keep.has(key) || (selected && !selected.has(key)))) {
      continue;
    }
    if (source[key] !== undefined) data[key] = source[key];
  }
  return new repo.entityClass(data as DataObject<E>) as T;
}

function and<W>(where: W | undefined, policy: PolicyFilter): W {
  const hasWhere = where && Object.keys(where).length > 0;
  const hasPolicy = Object.keys(policy.where).length > 0;
  if (hasWhere && hasPolicy) return {and: [where, policy.where]} as W;
  return (hasPolicy ? policy.where : (where ?? {})) as W;
}

function plain(data: unknown): Row {
  const value = data as {toJSON?: () => unknown};
  return (
    typeof value?.toJSON === 'function' ? value.toJSON() : {...(data as object)}
  ) as Row;
}

function checkWrite(data: Row, writable: string[], resource: string) {
  for (const key of Object.keys(data)) {
    if (data[key] !== undefined && !writable.includes(key)) {
      throw forbidden('data', key, resource);
    }
  }
}

function forbiddenAction(resource: string, action: string) {
  return new PolicyError(
    `Forbidden: may not ${action} this ${resource}`,
    403,
    PolicyErrorCode.FORBIDDEN,
  );
}
