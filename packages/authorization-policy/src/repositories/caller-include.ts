// Copyright The loopback-security-monorepo authors. License: MIT.

import type {ModelDefinition, RelationMetadata} from '@loopback/repository';
import {RelationType} from '@loopback/repository';
import {describeValue} from '@loopback/authorization';
import {
  forbidden,
  invalidFilter,
  PolicyError,
  PolicyErrorCode,
} from '../errors';

/**
 * Check the `include` of a caller's filter: every relation it names must be
 * a relation of the model, and the caller must be able to read, in every
 * instance, the properties of this model that the relation joins on.
 *
 * @remarks
 * An included instance shows the value it was joined on: the related
 * account of a `belongsTo` has the invoice's `accountId` as its id. An
 * inclusion on a key the caller may not read is therefore refused (403)
 * rather than answered with the key stripped, which could not hide it.
 * The scope of an inclusion is checked by the related repository when it is
 * guarded too, at every depth, because inclusion resolvers call its `find`.
 *
 * @param include - The caller's `include`
 * @param readable - The properties the caller may read in every instance
 * @param resource - The resource type, for the message
 * @param model - The model's definition; without it, any inclusion is
 * refused
 */
export function checkCallerInclude(
  include: unknown,
  readable: ReadonlySet<string>,
  resource: string,
  model: ModelDefinition | undefined,
): void {
  if (include == null) return;
  if (!Array.isArray(include)) {
    throw invalidFilter(
      'include',
      `must be an array, got ${describeValue(include)}`,
    );
  }
  include.forEach((item: unknown, i) => {
    const part = `include[${i}]`;
    const spec = typeof item === 'string' ? {relation: item} : item;
    if (!isObject(spec) || typeof spec.relation !== 'string') {
      throw invalidFilter(
        part,
        `must be a relation name or {relation, scope}, got ${describeValue(item)}`,
      );
    }
    if (spec.scope != null && !isObject(spec.scope)) {
      throw invalidFilter(
        `${part}.scope`,
        `must be an object, got ${describeValue(spec.scope)}`,
      );
    }
    const relations = model?.relations ?? {};
    if (!Object.prototype.hasOwnProperty.call(relations, spec.relation)) {
      throw invalidFilter(
        part,
        `names no relation of ${resource}: ${JSON.stringify(spec.relation)}`,
      );
    }
    const keys = joinKeys(relations[spec.relation], model!);
    if (!keys) {
      throw new PolicyError(
        `Forbidden: may not include relation "${spec.relation}" of ${resource}: the property it joins on is not declared`,
        403,
        PolicyErrorCode.FORBIDDEN_FILTER,
      );
    }
    for (const key of keys) {
      if (!readable.has(key)) throw forbidden('include', key, resource);
    }
  });
}

/**
 * The properties of the source model that a relation joins on, `undefined`
 * when they cannot be known
 * @param relation - The relation's metadata
 * @param model - The source model's definition
 */
function joinKeys(
  relation: RelationMetadata,
  model: ModelDefinition,
): string[] | undefined {
  const keyFrom = (relation as {keyFrom?: unknown}).keyFrom;
  if (typeof keyFrom === 'string' && keyFrom !== '') return [keyFrom];
  switch (relation.type) {
    case RelationType.hasMany:
    case RelationType.hasOne:
      // Their key defaults to the source's id (a through relation's too)
      return model.idProperties();
    default:
      // A belongsTo or referencesMany names its key in the decorator; one
      // that does not cannot be checked: refused
      return undefined;
  }
}

/**
 * Whether a value is an object that is not an array
 * @param value - Any value
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
