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
import {PolicyEngine} from '../engine/policy.engine';
import {PolicyError, PolicyErrorCode, storeUnavailable} from '../errors';
import {AuthorizationPolicyBindings} from '../keys';
import {PolicyReader} from '../stores/policy-store';
import {PolicyCaller} from '../types';
import {
  checkCallerFilter,
  checkCallerWhere,
  selectedFields,
} from './caller-filter';
import {
  and,
  checkWrite,
  forbiddenAction,
  idWhere,
  plain,
  restrict,
} from './policy-repository.helpers';
import {
  CrudRepositoryClass,
  PolicyGuardedRepositoryClass,
  PolicyRepositoryOptions,
  PolicyScope,
} from './policy-repository.types';

type Row = Record<string, unknown>;

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
 *   names a property the caller may not read is refused with a 403, and so
 *   is an `include` of a relation joined on such a property; a malformed
 *   `order`, `include` or `and`/`or` is refused with a 400.
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
      let checked: Filter<E> | undefined;
      const {engine, caller, policy} = await this.policyScope(
        actions.read,
        readable => {
          checked = checkCallerFilter(
            filter,
            readable,
            resource,
            this.entityClass.definition,
          );
        },
      );
      if (policy.matchesNothing) return [];
      const {fields, ...rest} = checked ?? {};
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
      return this.policyBulk(actions.read, where, w => super.count(w, opts));
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
        Object.keys(row),
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
      const {engine, caller, policy} = await this.policyScope(
        actions.update,
        where,
      );
      checkWrite(
        Object.keys(plain(data)),
        engine.fields(caller, resource, actions.update),
        resource,
      );
      if (policy.matchesNothing) return {count: 0};
      return super.updateAll(data, and(where, policy), opts);
    }

    override async updateById(
      id: ID,
      data: DataObject<E>,
      opts?: Options,
    ): Promise<void> {
      const where = await this.writableWhere(id, Object.keys(plain(data)));
      const {count} = await super.updateAll(data, where, opts);
      if (count === 0) throw new EntityNotFoundError(this.entityClass, id);
    }

    override async replaceById(
      id: ID,
      data: DataObject<E>,
      opts?: Options,
    ): Promise<void> {
      // A replacement writes every property, the ones it leaves out too
      const ids = this.entityClass.getIdProperties();
      const all = Object.keys(this.entityClass.definition.properties);
      await this.writableWhere(
        id,
        all.filter(name => !ids.includes(name)),
      );
      await super.replaceById(id, data, opts);
    }

    /**
     * The rules in force and the caller, the filter of an action, after a
     * check of the caller's condition against the properties the caller
     * may read
     * @param action - The action
     * @param check - The caller's condition, or a check of its own
     */
    async policyScope(
      action: string,
      check?: Where<E> | ((readable: ReadonlySet<string>) => void),
    ): Promise<PolicyScope> {
      const {engine, caller} = await this.policyGuard();
      const readable = new Set(engine.fields(caller, resource, actions.read));
      if (typeof check === 'function') check(readable);
      else checkCallerWhere(check as Where, readable, resource);
      return {engine, caller, policy: engine.filter(caller, resource, action)};
    }

    /**
     * The condition that selects one instance the caller may update and
     * write these properties of; 404 when the caller may not read it, 403
     * when the caller may read but not update it, or not these properties
     * @param id - The instance id
     * @param properties - The properties written
     */
    async writableWhere(id: ID, properties: string[]): Promise<Where<E>> {
      const {engine, caller, policy} = await this.policyScope(actions.update);
      const where = and(idWhere(this, id), policy);
      const current = policy.matchesNothing
        ? undefined
        : await super.findOne({where}, undefined);
      if (!current) {
        if (await this.exists(id)) {
          throw forbiddenAction(resource, actions.update);
        }
        throw new EntityNotFoundError(this.entityClass, id);
      }
      const row = current.toJSON() as Row;
      checkWrite(
        properties,
        engine.fields(caller, resource, actions.update, row),
        resource,
      );
      return where;
    }

    override async deleteAll(where?: Where<E>, opts?: Options): Promise<Count> {
      return this.policyBulk(actions.delete, where, w =>
        super.deleteAll(w, opts),
      );
    }

    /**
     * Runs a bulk operation on the instances the caller may act on, after a
     * check of the caller's condition; counts none, without running it, when
     * the rules let the caller act on no instance
     * @param action - The action
     * @param where - The caller's condition
     * @param run - The operation, given the condition and the policy's filter
     */
    async policyBulk(
      action: string,
      where: Where<E> | undefined,
      run: (scoped: Where<E>) => Promise<Count>,
    ): Promise<Count> {
      const {policy} = await this.policyScope(action, where);
      if (policy.matchesNothing) return {count: 0};
      return run(and(where, policy));
    }

    override async deleteById(id: ID, opts?: Options): Promise<void> {
      const {count} = await this.deleteAll(idWhere(this, id), opts);
      if (count === 0) throw new EntityNotFoundError(this.entityClass, id);
    }
  }
  return PolicyRepository;
}
