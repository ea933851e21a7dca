// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Filter, Where} from '@loopback/repository';
import {PolicyCall} from '../calls/policy-call';
import {CALLER_CONDITION_LIMITS} from '../conditions/condition.limits';
import {PolicyEngine} from '../engine/policy.engine';
import {resourceFromModel} from '../engine/resource-schema';
import {forbidden, PolicyError, PolicyErrorCode} from '../errors';
import {PolicyCaller, PolicyFilter, PolicyInstance} from '../types';
import {
  checkCallerFilter,
  checkCallerWhere,
  selectedFields,
} from './caller-filter';
import {
  and,
  checkData,
  checkWritable,
  forbiddenAction,
  INCLUSION_LIMITS,
} from './guard-checks';
import {
  GuardedResource,
  InstanceScope,
  OperationKind,
  ReadScope,
  WriteScope,
} from './policy-repository.types';

type Row = Record<string, unknown>;

/**
 * The rules in force and the caller of one operation of a guarded
 * repository: every method returns what the repository passes on, and the
 * repository only runs it.
 *
 * @remarks
 * The rules' condition always comes first in a query, and a caller's part
 * is checked against the model before anything runs, so that nothing a
 * caller sends is evaluated on a row the rules have not admitted (the
 * memory connector evaluates `and` in order), and nothing it sends can fail
 * on a row. A write carries the condition under which the caller may write
 * what it writes, so the check and the write are one statement.
 */
export class PolicyGuard {
  private readable?: ReadonlySet<string>;

  /**
   * @param engine - The rules in force
   * @param caller - The caller of the current request
   * @param target - The resource, its model and its action names
   * @param call - The method calls of the current request, if known
   */
  constructor(
    engine: PolicyEngine,
    caller: PolicyCaller,
    private readonly target: GuardedResource,
    private readonly call?: PolicyCall,
  ) {
    this.engine = engine;
    this.caller = caller;
  }

  /**
   * The rules in force
   */
  readonly engine: PolicyEngine;

  /**
   * The caller of the current request
   */
  readonly caller: PolicyCaller;

  /**
   * The action an operation of this kind stands for: for an update, the
   * action the method named at its door when it is one of its own (such as
   * `cancel`: the method changes an instance in its own way); otherwise the
   * action of the kind
   * @param kind - The kind of operation
   */
  private actionOf(kind: OperationKind): string {
    const {actions, resource} = this.target;
    if (kind !== 'update') return actions[kind];
    const named = this.call?.actionOf(resource);
    if (named === undefined || Object.values(actions).includes(named)) {
      return actions.update;
    }
    return named;
  }

  /**
   * The action the method names at its door for this resource, if any
   */
  private namedAction(): string | undefined {
    return this.call?.actionOf(this.target.resource);
  }

  /**
   * The query of a caller's filter
   * @param filter - The caller's filter
   * @param included - Whether LoopBack asks for the rows included in the
   * rows of another guarded repository: the filter then holds the caller's
   * scope, already checked against the caller's limits, and the foreign keys
   * of every row of the other repository, which may be many
   */
  readScope(filter: Filter | undefined, included = false): ReadScope {
    const {engine, caller, target} = this;
    const {resource, model} = target;
    const readable = this.readableProperties();
    const checked =
      checkCallerFilter(
        filter,
        readable,
        resource,
        model,
        0,
        included ? INCLUSION_LIMITS : CALLER_CONDITION_LIMITS,
      ) ?? {};
    const policy = this.policy(target.actions.read);
    const {fields, ...rest} = checked;
    const ids = model.idProperties();
    const order = [...((checked.order as string[] | undefined) ?? [])];
    for (const id of ids) {
      if (!order.some(term => term.split(' ')[0] === id)) {
        order.push(`${id} ASC`);
      }
    }
    const all = Object.keys(model.properties);
    const properties = new Set(all);
    const relations = new Set(Object.keys(model.relations ?? {}));
    const selected = selectedFields(fields, all);
    const read = target.actions.read;
    return {
      // The rows come whole: the rules' conditions read the properties that
      // the caller's `fields` may leave out
      filter: {...rest, where: and(policy, rest.where), order},
      matchesNothing: policy.matchesNothing,
      restrict: row => {
        const keep = engine.fields(caller, resource, read, row);
        const data: Row = {};
        for (const key of Object.keys(row)) {
          const value = row[key];
          if (value === undefined) continue;
          if (properties.has(key)) {
            if (!keep.includes(key) || (selected && !selected.has(key))) {
              continue;
            }
          } else if (!relations.has(key)) {
            // A value the model does not declare (a model that is not
            // strict) is no property any rule grants
            continue;
          }
          data[key] = value;
        }
        return data;
      },
    };
  }

  /**
   * The condition of a count or a bulk write: the rules' filter of the
   * action, then the caller's checked condition
   * @param action - The action
   * @param where - The caller's condition
   * @param properties - The properties a write writes: only the instances
   * where the caller may write them all
   */
  private bulkScope(
    action: string,
    where: Where | undefined,
    properties: readonly string[] = [],
  ): WriteScope {
    const checked = this.checkWhere(where);
    const policy = this.policy(action, properties);
    return {
      where: and(policy, checked),
      matchesNothing: policy.matchesNothing,
    };
  }

  /**
   * The condition of a write of one instance: readable by the caller (an
   * instance the caller may not read answers like a missing one), and
   * writable for the action and these properties
   * @param action - The action
   * @param idWhere - The condition on the instance's id
   * @param properties - The properties written
   */
  private instanceScope(
    action: string,
    idWhere: Where,
    properties: readonly string[],
  ): InstanceScope {
    const read = this.policy(this.target.actions.read);
    const write = this.policy(action, properties);
    const checked = this.checkWhere(idWhere);
    const parts = [read.where, write.where, checked ?? {}].filter(
      w => Object.keys(w).length > 0,
    );
    return {
      where: parts.length === 1 ? parts[0] : {and: parts},
      matchesNothing: read.matchesNothing || write.matchesNothing,
      action,
      properties,
    };
  }

  /**
   * The condition of a count: the rules' filter of reading, then the
   * caller's checked condition
   * @param where - The caller's condition
   */
  countScope(where: Where | undefined): WriteScope {
    return this.bulkScope(this.target.actions.read, where);
  }

  /**
   * The condition of a bulk update, once the caller may write every property
   * of the data in every instance it may act on (a bulk write names no
   * instance): the rules' filter of the action and the properties, then the
   * caller's checked condition
   * @param data - The properties written, as a plain object
   * @param where - The caller's condition
   */
  updateScope(data: PolicyInstance, where: Where | undefined): WriteScope {
    checkData(data);
    const action = this.actionOf('update');
    const properties = Object.keys(data);
    this.checkBulkWrite(action, properties);
    return this.bulkScope(action, where, properties);
  }

  /**
   * The condition of a bulk delete: the rules' filter of deleting, then the
   * caller's checked condition
   * @param where - The caller's condition
   */
  deleteScope(where: Where | undefined): WriteScope {
    return this.bulkScope(this.actionOf('delete'), where);
  }

  /**
   * The condition of an update of one instance (`updateById`,
   * `replaceById`)
   * @param idWhere - The condition on the instance's id
   * @param data - The properties written, as a plain object
   */
  updateOneScope(idWhere: Where, data: PolicyInstance): InstanceScope {
    checkData(data);
    return this.instanceScope(
      this.actionOf('update'),
      idWhere,
      Object.keys(data),
    );
  }

  /**
   * The condition under which the caller may perform an action on one
   * instance, for a method that writes nothing through the repository
   * @param idWhere - The condition on the instance's id
   * @param action - The action. Default: the one the method names at its
   * door for this resource; a method that names none must give it (500).
   */
  actionScope(idWhere: Where, action?: string): InstanceScope {
    const {resource} = this.target;
    const checked = action ?? this.namedAction();
    if (checked === undefined) {
      throw new PolicyError(
        `checkInstanceAction of ${resource}: name the action, or call it ` +
          `in a method whose @authorize names one for ${resource}`,
        500,
        PolicyErrorCode.INVALID_METADATA,
      );
    }
    return this.instanceScope(checked, idWhere, []);
  }

  /**
   * Throw unless the caller may create this instance and write the
   * properties it gives
   * @param row - The new instance as it will be stored, with its default
   * values: the rules decide on it
   * @param given - The properties the caller gives: the fields of the rules
   * must let it write them (default values are the model's, not the
   * caller's)
   */
  checkCreate(row: PolicyInstance, given: readonly string[]): void {
    const {engine, caller, target} = this;
    checkData(row);
    const action = this.actionOf('create');
    this.call?.markChecked(target.resource, action);
    if (!engine.decide(caller, target.resource, action, row).allowed) {
      throw forbiddenAction(target.resource, action);
    }
    checkWritable(
      given,
      engine.fields(caller, target.resource, action, row),
      target.resource,
    );
  }

  /**
   * Throw unless the caller may write these properties in every instance it
   * may act on (a bulk write names no instance)
   * @param action - The action
   * @param properties - The properties written
   */
  private checkBulkWrite(action: string, properties: readonly string[]): void {
    const {engine, caller, target} = this;
    checkWritable(
      properties,
      engine.fields(caller, target.resource, action),
      target.resource,
    );
  }

  /**
   * Why a write of one instance matched nothing, from the instance as it is
   * now: missing or not readable (`notFound`), the action refused (403),
   * a property not writable (403 naming it), or neither any more: it
   * changed meanwhile (409)
   * @param row - The instance, `undefined` when there is none
   * @param action - The action
   * @param properties - The properties written
   * @param notFound - The error of a missing instance
   */
  refusal(
    row: PolicyInstance | undefined,
    action: string,
    properties: readonly string[],
    notFound: Error,
  ): Error {
    const {engine, caller, target} = this;
    const {resource} = target;
    if (
      !row ||
      !engine.decide(caller, resource, target.actions.read, row).allowed
    ) {
      return notFound;
    }
    if (!engine.decide(caller, resource, action, row).allowed) {
      return forbiddenAction(resource, action);
    }
    const writable = engine.fields(caller, resource, action, row);
    const missing = properties.find(p => !writable.includes(p));
    if (missing !== undefined) return forbidden('data', missing, resource);
    return new PolicyError(
      `Conflict: this ${resource} changed while it was written; try again`,
      409,
      PolicyErrorCode.CONFLICT,
    );
  }

  /**
   * The properties the caller may read in every instance it may read: the
   * only ones a caller's condition, fields and order may name
   */
  readableProperties(): ReadonlySet<string> {
    const {engine, caller, target} = this;
    this.readable ??= new Set(
      engine.fields(caller, target.resource, target.actions.read),
    );
    return this.readable;
  }

  private checkWhere(where: Where | undefined): Where | undefined {
    return checkCallerWhere(where, this.readableProperties(), this.schema());
  }

  private schema() {
    const {model, resource} = this.target;
    return resourceFromModel({definition: model, name: model.name}, resource);
  }

  private policy(action: string, properties?: readonly string[]): PolicyFilter {
    const {engine, caller, target} = this;
    this.call?.markChecked(target.resource, action);
    return engine.filter(caller, target.resource, action, properties);
  }
}
