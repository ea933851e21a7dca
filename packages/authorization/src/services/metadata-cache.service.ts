// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Remembers the metadata of each method, so that it is read from the
 * reflection store once, not on every call.
 *
 * @remarks
 * Controllers are usually instantiated per request, so entries are keyed by
 * what holds the methods: the class for static methods, the prototype of the
 * instance otherwise, and held weakly. Only class prototypes are cached: a
 * plain object's prototype (`Object.prototype`) is shared by unrelated
 * objects, which must not share an answer. Metadata is read when a method is
 * first called; a decorator applied to a class at run time after that is not
 * seen.
 *
 * @typeParam T - The metadata type
 */
export class MetadataCache<T> {
  private readonly entries = new WeakMap<object, Map<string, T | null>>();

  /**
   * @param read - Reads the metadata of a method from the reflection store
   */
  constructor(
    private readonly read: (target: object, method: string) => T | undefined,
  ) {}

  /**
   * The metadata of a method
   * @param target - The instance, prototype or (static method) class
   * @param method - The method name
   */
  get(target: object, method: string): T | undefined {
    const holder =
      typeof target === 'function' ? target : Object.getPrototypeOf(target);
    if (!isClassMember(holder)) return this.read(target, method);
    let methods = this.entries.get(holder);
    if (methods == null) {
      methods = new Map();
      this.entries.set(holder, methods);
    }
    let metadata = methods.get(method);
    if (metadata === undefined) {
      metadata = this.read(target, method) ?? null;
      methods.set(method, metadata);
    }
    return metadata ?? undefined;
  }
}

/**
 * Is it a class, or the prototype of one (and not `Object.prototype`)?
 */
function isClassMember(holder: unknown): holder is object {
  if (typeof holder === 'function') return true;
  if (holder == null || holder === Object.prototype) return false;
  const ctor = (holder as {constructor?: unknown}).constructor;
  return (
    typeof ctor === 'function' &&
    ctor !== Object &&
    (ctor as Function).prototype === holder
  );
}
