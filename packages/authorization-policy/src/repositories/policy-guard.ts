// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Filter, ModelDefinition, Where} from '@loopback/repository';
import {PolicyCall} from '../calls/policy-call';
import {PolicyEngine} from '../engine/policy.engine';
import {forbidden, invalidData, PolicyError, PolicyErrorCode} from '../errors';
import {
  CALLER_CONDITION_LIMITS,
  ConditionLimits,
  textFault,
} from '../conditions/condition.limits';
import {PolicyCaller, PolicyFilter} from '../types';
import {
  checkCallerFilter,
  checkCallerWhere,
  selectedFields,
} from './caller-filter';
import {resourceFromModel} from '../engine/resource-schema';

type Row = Record<string, unknown>;

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
  restrict(row: Row): Row;
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
  actionOf(kind: OperationKind): string {
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
  namedAction(): string | undefined {
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
  bulkScope(
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
  instanceScope(
    action: string,
    idWhere: Where,
    properties: readonly string[],
  ): WriteScope {
    const read = this.policy(this.target.actions.read);
    const write = this.policy(action, properties);
    const checked = this.checkWhere(idWhere);
    const parts = [read.where, write.where, checked ?? {}].filter(
      w => Object.keys(w).length > 0,
    );
    return {
      where: parts.length === 1 ? parts[0] : {and: parts},
      matchesNothing: read.matchesNothing || write.matchesNothing,
    };
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
  checkCreate(row: Row, given: readonly string[]): void {
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
  checkBulkWrite(action: string, properties: readonly string[]): void {
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
    row: Row | undefined,
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

/**
 * The sizes of the condition of the rows LoopBack includes in the rows of
 * another repository: the caller's scope, checked with the caller's limits
 * where the caller sent it, written anew, and the foreign keys of the rows
 * it is included in, as many as those rows
 */
const INCLUSION_LIMITS: Readonly<ConditionLimits> = Object.freeze({
  ...CALLER_CONDITION_LIMITS,
  comparisons: 4 * CALLER_CONDITION_LIMITS.comparisons,
  listLength: Number.MAX_SAFE_INTEGER,
  values: Number.MAX_SAFE_INTEGER,
});

/**
 * Throw a 422 naming the first string of data to write that no database
 * could store alike: a NUL character (PostgreSQL refuses it), an unpaired
 * surrogate (stored as U+FFFD there, as is in memory)
 * @param data - The properties written
 * @param path - Where they stand
 */
export function checkData(data: unknown, path = 'data', depth = 0): void {
  if (typeof data === 'string') {
    const fault = textFault(data);
    if (fault) throw invalidData(path, fault);
    return;
  }
  if (data === null || typeof data !== 'object' || depth > 32) return;
  for (const [key, value] of Object.entries(data)) {
    checkData(value, `${path}.${key}`, depth + 1);
  }
}

/**
 * The rules' filter AND a condition, the rules' first
 * @param policy - The rules' filter
 * @param where - The other condition, if any
 */
export function and(policy: PolicyFilter, where: Where | undefined): Where {
  const hasWhere = where !== undefined && Object.keys(where).length > 0;
  const hasPolicy = Object.keys(policy.where).length > 0;
  if (hasWhere && hasPolicy) return {and: [policy.where, where]};
  return hasPolicy ? policy.where : (where ?? {});
}

/**
 * Throw a 403 naming the first property written that is not writable
 */
function checkWritable(
  properties: readonly string[],
  writable: readonly string[],
  resource: string,
): void {
  for (const name of properties) {
    if (!writable.includes(name)) throw forbidden('data', name, resource);
  }
}

/**
 * The 403 of an action the caller may not perform on an instance
 */
export function forbiddenAction(resource: string, action: string): PolicyError {
  return new PolicyError(
    `Forbidden: may not ${action} this ${resource}`,
    403,
    PolicyErrorCode.FORBIDDEN,
  );
}
