// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Remembers the metadata of each method, read from the reflection store once
 * rather than on every call.
 *
 * @remarks
 * LoopBack keeps no such cache: `MetadataInspector` looks the metadata up on
 * every call, and hands out the stored objects themselves. Entries are keyed
 * by what holds the methods, held weakly: the class for a static method, the
 * prototype for an instance method (controllers are usually instantiated per
 * request). An entry is read from the very object it is stored under, so a
 * call whose target is a subclass's prototype cannot answer for its base
 * class. Decorators put metadata on classes and prototypes, never on
 * instances, so an instance's answer is its prototype's. Only classes and
 * class prototypes are kept: a plain object's prototype (`Object.prototype`)
 * is shared by unrelated objects. A decorator applied at run time after a
 * method's first call is not seen.
 *
 * @typeParam T - The metadata type
 */
export class MetadataCache<T> {
  private readonly entries = new WeakMap<object, Map<string, T | null>>();

  /**
   * @param read - Reads the metadata of a method from a class (static
   * methods) or a prototype; what it returns is kept as it is
   */
  constructor(
    private readonly read: (holder: object, method: string) => T | undefined,
  ) {}

  /**
   * The metadata of a method
   * @param target - The class (static method), a prototype or an instance
   * @param method - The method name
   */
  get(target: object, method: string): T | undefined {
    const holder = isClassMember(target)
      ? target
      : Object.getPrototypeOf(target);
    if (!isClassMember(holder)) return this.read(target, method);
    let methods = this.entries.get(holder);
    if (methods == null) {
      methods = new Map();
      this.entries.set(holder, methods);
    }
    let metadata = methods.get(method);
    if (metadata === undefined) {
      metadata = this.read(holder, method) ?? null;
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
