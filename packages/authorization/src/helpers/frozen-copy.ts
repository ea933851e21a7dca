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
 * denied) or is lost, never seen by another call. Own enumerable string and
 * symbol keys are copied as data properties, so that a `__proto__` key of
 * parsed JSON stays data and does not become the prototype of the copy.
 * Plain loops and assignments: a decision record copies a principal on every
 * call that has a decision listener.
 *
 * @param value - The value to copy
 */
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = frozenCopy(value[i]);
    return Object.freeze(items) as T;
  }
  if (!isPlainObject(value)) return value;
  const source = value as Record<PropertyKey, unknown>;
  const copy: Record<PropertyKey, unknown> = {};
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
    const item = frozenCopy(source[key]);
    if (key === '__proto__') {
      Object.defineProperty(copy, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      copy[key] = item;
    }
  }
  for (const key of Object.getOwnPropertySymbols(source)) {
    if (Object.prototype.propertyIsEnumerable.call(source, key)) {
      copy[key] = frozenCopy(source[key]);
    }
  }
  return Object.freeze(copy) as T;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
