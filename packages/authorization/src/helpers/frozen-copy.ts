// Copyright The loopback-security-monorepo authors. License: MIT.

// Internal: not exported by the package index.

/**
 * A deeply frozen copy of plain data: arrays and plain objects are copied
 * and frozen, level by level; functions, class instances (a `BindingKey`, a
 * `Date`) and primitives are kept as they are.
 *
 * @remarks
 * What voters and listeners receive must not be a way to change the rule for
 * later calls: a write to the copy throws in strict mode (and that call is
 * denied) or is lost, never seen by another call. Own string and symbol keys
 * are copied as data properties, so that a `__proto__` key of parsed JSON
 * stays data and does not become the prototype of the copy.
 *
 * @param value - The value to copy
 */
export function frozenCopy<T>(value: T): T {
  if (Array.isArray(value)) {
    return Object.freeze(value.map(item => frozenCopy(item))) as T;
  }
  if (!isPlainObject(value)) return value;
  const copy: Record<PropertyKey, unknown> = {};
  for (const key of Reflect.ownKeys(value)) {
    if (!Object.prototype.propertyIsEnumerable.call(value, key)) continue;
    Object.defineProperty(copy, key, {
      value: frozenCopy((value as Record<PropertyKey, unknown>)[key]),
      enumerable: true,
    });
  }
  return Object.freeze(copy) as T;
}

function isPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
