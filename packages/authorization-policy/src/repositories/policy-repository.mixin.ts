// Copyright The loopback-security-monorepo authors. License: MIT.

import {Getter, inject} from '@loopback/core';
import {
  Count,
  DataObject,
  Entity,
  EntityNotFoundError,
  Filter,
  FilterExcludingWhere,
  Options,
  Where,
} from '@loopback/repository';
import {PolicyCall} from '../calls/policy-call';
import {storeUnavailable} from '../errors';
import {AuthorizationPolicyBindings} from '../keys';
import {PolicyReader} from '../stores/policy-store';
import {PolicyCaller} from '../types';
import {
  asInclusion,
  checkValid,
  databaseCall,
  idWhere,
  isInclusion,
  plain,
  replacement,
} from './policy-repository.helpers';
import {PolicyGuard} from './policy-guard';
import {
  CrudRepositoryClass,
  GuardedResource,
  InstanceScope,
  PolicyGuardedRepositoryClass,
  PolicyRepositoryOptions,
} from './policy-repository.types';

/**
 * Guard a `DefaultCrudRepository` with the policy rules: every operation acts
 * only on what the caller of the current request may act on.
 *
 * @remarks
 * - Reads (`find`, `findOne`, `findById`, `count`, `exists`, and inclusion
 *   of related models whose repository is guarded too) AND the rules'
 *   filter, first, into the query; a forbidden instance answers like a
 *   missing one (`findById` throws `EntityNotFoundError`, 404). Each
 *   returned instance keeps only the properties the caller may read; rows
 *   come in the caller's order, then by id.
 * - Writes (`create`, `updateAll`, `updateById`, `replaceById`,
 *   `deleteAll`, `deleteById`) act only on instances the caller may write:
 *   the condition under which the caller may write what it writes is part
 *   of the statement that writes. In a method whose `@authorize` names an
 *   action of its own for this resource (`cancel`, `approve`), writes are
 *   checked against that action's rules, not the generic ones.
 * - A caller's filter is checked against the model before any row is read:
 *   an unknown property, operator or value type, a `like` or `regexp`, a
 *   malformed part, is refused with 400; a property the caller may not read
 *   with 403.
 * - When the store cannot be read, every operation fails with 503.
 *
 * The store, the caller and the request's calls are injected as properties
 * (`AuthorizationPolicyBindings.STORE`, `.CALLER` and `.CALL`); set them
 * yourself outside a context. Bind a guarded repository in the default
 * (transient) scope: it reads the caller of the request it is made for.
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
     * The method calls of the current request
     */
    @inject.getter(AuthorizationPolicyBindings.CALL, {optional: true})
    policyCall?: Getter<PolicyCall | undefined>;

    /**
     * The guard of one operation: the rules in force and the caller, or a
     * 503 when either is missing
     */
    async policyGuard(): Promise<PolicyGuard> {
      if (!this.policyReader || !this.policyCaller) {
        throw storeUnavailable(`no policy store or caller for ${resource}`);
      }
      const engine = await this.policyReader.engine();
      const caller = await this.policyCaller();
      const call = await this.policyCall?.();
      const target: GuardedResource = {
        resource,
        actions,
        model: this.entityClass.definition,
      };
      return new PolicyGuard(engine, caller, target, call);
    }

    override async find(filter?: Filter<E>, opts?: Options): Promise<E[]> {
      const scope = (await this.policyGuard()).readScope(
        filter as Filter,
        isInclusion(opts),
      );
      if (scope.matchesNothing) return [];
      // LoopBack passes the options on to the repositories of the relations
      // it includes: they learn that their filter is an inclusion's
      const rows = await databaseCall(
        super.find(scope.filter as Filter<E>, asInclusion(opts)),
        'filter',
      );
      return rows.map(
        row =>
          new this.entityClass(
            scope.restrict(row as unknown as Record<string, unknown>),
          ) as E,
      );
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
      const scope = (await this.policyGuard()).countScope(where as Where);
      if (scope.matchesNothing) return {count: 0};
      return databaseCall(super.count(scope.where as Where<E>, opts), 'filter');
    }

    override async exists(id: ID, opts?: Options): Promise<boolean> {
      const {count} = await this.count(idWhere(this, id), opts);
      return count > 0;
    }

    override async create(data: DataObject<E>, opts?: Options): Promise<E> {
      // Checked as it will be stored, with its default values: leaving out
      // a property whose default value a rule refuses does not pass
      const given = plain(data);
      const row = plain(new this.modelClass(given));
      (await this.policyGuard()).checkCreate(row, Object.keys(given));
      return databaseCall(super.create(row as DataObject<E>, opts), 'data');
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
      const scope = (await this.policyGuard()).updateScope(
        plain(data),
        where as Where,
      );
      if (scope.matchesNothing) return {count: 0};
      return databaseCall(
        super.updateAll(data, scope.where as Where<E>, opts),
        'data',
      );
    }

    override async updateById(
      id: ID,
      data: DataObject<E>,
      opts?: Options,
    ): Promise<void> {
      const guard = await this.policyGuard();
      const scope = guard.updateOneScope(idWhere(this, id), plain(data));
      await this.writeOne(guard, id, scope, data, opts);
    }

    override async replaceById(
      id: ID,
      data: DataObject<E>,
      opts?: Options,
    ): Promise<void> {
      // A replacement writes every property, the ones it leaves out too (as
      // their default value or null, in the statement that checks the
      // caller may write them), and must make a valid instance, as juggler's
      // own replaceById checks
      const instance = new this.modelClass({
        ...plain(data),
        ...(idWhere(this, id) as object),
      });
      await checkValid(
        instance as unknown as Parameters<typeof checkValid>[0],
        this.entityClass.modelName,
      );
      const full = replacement(this.entityClass, instance);
      const guard = await this.policyGuard();
      const scope = guard.updateOneScope(idWhere(this, id), full);
      await this.writeOne(guard, id, scope, full as DataObject<E>, opts);
    }

    override async deleteAll(where?: Where<E>, opts?: Options): Promise<Count> {
      const scope = (await this.policyGuard()).deleteScope(where as Where);
      if (scope.matchesNothing) return {count: 0};
      return databaseCall(
        super.deleteAll(scope.where as Where<E>, opts),
        'filter',
      );
    }

    override async deleteById(id: ID, opts?: Options): Promise<void> {
      const {count} = await this.deleteAll(idWhere(this, id), opts);
      if (count === 0) throw new EntityNotFoundError(this.entityClass, id);
    }

    /**
     * Check that the caller may perform an action on one instance, without
     * writing it: for a method whose action writes nothing through this
     * repository (`export`, `download`), which must still reach an instance
     * check. Answers 404 for an instance the caller may not read, 403 for
     * one it may read but not act on.
     * @param id - The instance id
     * @param action - The action. Default: the one the method names at its
     * door for this resource; a method that names none must give it.
     */
    async checkInstanceAction(id: ID, action?: string): Promise<void> {
      const guard = await this.policyGuard();
      const scope = guard.actionScope(idWhere(this, id), action);
      await this.writeOne(guard, id, scope);
    }

    /**
     * Write one instance under the condition of its scope, and say why when
     * nothing was written; without data, only check that condition
     */
    private async writeOne(
      guard: PolicyGuard,
      id: ID,
      scope: InstanceScope,
      data?: DataObject<E>,
      opts?: Options,
    ): Promise<void> {
      const where = scope.where as Where<E>;
      // Nothing to write: whether the caller may act on the instance is all
      // there is to say (and SQL has no UPDATE of no column)
      const {count} = scope.matchesNothing
        ? {count: 0}
        : await databaseCall(
            data === undefined || scope.properties.length === 0
              ? super.count(where, opts)
              : super.updateAll(data, where, opts),
            'data',
          );
      if (count === 0) await this.refuse(guard, id, scope);
    }

    /**
     * Throw the error of a write or check that matched nothing
     */
    private async refuse(
      guard: PolicyGuard,
      id: ID,
      {action, properties}: InstanceScope,
    ): Promise<never> {
      const current = await databaseCall(
        super.findOne({where: idWhere(this, id)} as Filter<E>),
        'filter',
      );
      throw guard.refusal(
        current?.toJSON() as Record<string, unknown> | undefined,
        action,
        properties,
        new EntityNotFoundError(this.entityClass, id),
      );
    }
  }
  return PolicyRepository;
}
