// Copyright The loopback-security-monorepo authors. License: MIT.

import {describeValue} from '@loopback/authorization';
import type {Where} from '@loopback/repository';
import {invalidRule} from '../errors';
import {ResourceSchema, Rule} from '../types';
import {Condition, propertyKind} from '../conditions/condition';
import {isPlainObject, parseCondition} from '../conditions/condition.parser';
import {textFault} from '../conditions/condition.limits';

/**
 * The built-in roles a subject may name
 */
export const BUILTIN_SUBJECTS: readonly string[] = Object.freeze([
  '$everyone',
  '$authenticated',
  '$unauthenticated',
  '$anonymous',
]);

/**
 * The prefix of a subject that names one principal by its `securityId`
 */
export const PRINCIPAL_PREFIX = 'principal:';

const KEYS = new Set([
  'id',
  'effect',
  'resource',
  'actions',
  'subjects',
  'where',
  'fields',
  'description',
]);

/**
 * A rule that passed validation: a frozen copy of it, and its parsed
 * condition
 */
export interface ValidRule {
  /**
   * The rule, frozen, as it will be stored and reported
   */
  rule: Readonly<Rule>;
  /**
   * Its condition, parsed; `undefined` when it has none
   */
  condition?: Condition;
  /**
   * The resource it is about
   */
  schema: ResourceSchema;
}

/**
 * Check a rule and throw an error that names the rule and the part at fault:
 * an unknown key, a missing or empty field, an unknown resource, operator or
 * property
 *
 * @param input - The rule as written; its `id` must be set by now
 * @param resourceOf - Finds the registered resource of a name
 * @param label - How to name the rule in errors when it has no valid id
 * @param displayName - How to name the rule in errors instead of by its id,
 * such as "(new)" for an id the store just assigned
 */
export function validateRule(
  input: unknown,
  resourceOf: (name: string) => ResourceSchema | undefined,
  label = 'rule',
  displayName?: string,
): ValidRule {
  if (!isPlainObject(input)) {
    throw invalidRule(
      label,
      'rule',
      `expected an object, got ${describeValue(input)}`,
    );
  }
  const id = input.id;
  if (typeof id !== 'string' || id.trim() === '') {
    throw invalidRule(
      label,
      'id',
      `expected a non-empty string, got ${describeValue(id)}`,
    );
  }
  checkText(id, 'id', label);
  // An id is a segment of the admin routes' paths (`DELETE .../{id}`): a
  // URL parser removes "." and ".." segments and splits at "/"
  if (id === '.' || id === '..' || id.includes('/')) {
    throw invalidRule(
      label,
      'id',
      `${JSON.stringify(id)} cannot be a path segment: ".", ".." and "/" are refused`,
    );
  }
  const name = displayName ?? `"${id}"`;
  for (const key of Object.keys(input)) {
    if (!KEYS.has(key)) throw invalidRule(name, key, 'unknown key');
  }
  const {effect, resource, description} = input;
  if (effect !== 'allow' && effect !== 'deny') {
    throw invalidRule(
      name,
      'effect',
      `expected "allow" or "deny", got ${describeValue(effect)}`,
    );
  }
  if (typeof resource !== 'string' || resource === '') {
    throw invalidRule(
      name,
      'resource',
      `expected a non-empty string, got ${describeValue(resource)}`,
    );
  }
  const schema = resourceOf(resource);
  if (!schema) {
    throw invalidRule(name, 'resource', `unknown resource type "${resource}"`);
  }
  const actions = stringList(input.actions, 'actions', name);
  const subjects = stringList(input.subjects, 'subjects', name);
  subjects.forEach((subject, i) => checkSubject(subject, i, name));
  let fields: string[] | undefined;
  if (input.fields !== undefined) {
    fields = stringList(input.fields, 'fields', name);
    fields.forEach((field, i) => {
      if (propertyKind(field, schema) === undefined) {
        throw invalidRule(
          name,
          `fields[${i}]`,
          `"${field}" is not a property of ${schema.name}`,
        );
      }
    });
  }
  if (description !== undefined && typeof description !== 'string') {
    throw invalidRule(
      name,
      'description',
      `expected a string, got ${describeValue(description)}`,
    );
  }
  if (description !== undefined) checkText(description, 'description', name);
  const condition =
    input.where === undefined
      ? undefined
      : parseCondition(input.where, schema, name);
  const rule: Rule = {id, effect, resource, actions, subjects};
  // A deep copy, so that the caller changing its object later changes
  // nothing here
  if (input.where !== undefined)
    rule.where = deepFreeze(copy(input.where as Where));
  if (fields) rule.fields = fields;
  if (description !== undefined) rule.description = description;
  Object.freeze(actions);
  Object.freeze(subjects);
  if (fields) Object.freeze(fields);
  return {rule: Object.freeze(rule), condition, schema};
}

function stringList(value: unknown, part: string, name: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidRule(
      name,
      part,
      `expected a non-empty array of strings, got ${describeValue(value)}`,
    );
  }
  value.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') {
      throw invalidRule(
        name,
        `${part}[${i}]`,
        `expected a non-empty string, got ${describeValue(item)}`,
      );
    }
    checkText(item, `${part}[${i}]`, name);
  });
  return [...new Set(value as string[])];
}

function checkSubject(subject: string, index: number, name: string): void {
  if (subject.startsWith('$') && !BUILTIN_SUBJECTS.includes(subject)) {
    throw invalidRule(
      name,
      `subjects[${index}]`,
      `unknown built-in role "${subject}"; known: ${BUILTIN_SUBJECTS.join(', ')}`,
    );
  }
  if (subject === PRINCIPAL_PREFIX) {
    throw invalidRule(
      name,
      `subjects[${index}]`,
      `"${PRINCIPAL_PREFIX}" needs a principal id after it`,
    );
  }
}

/**
 * Refuse a string a database could not store (a NUL character, an unpaired
 * surrogate) or that is too long
 */
function checkText(value: string, part: string, name: string): void {
  const fault = textFault(value);
  if (fault) throw invalidRule(name, part, fault);
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
