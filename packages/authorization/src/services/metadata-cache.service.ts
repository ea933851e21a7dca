// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Remembers the metadata of each method of each class, so that it is read
 * from the reflection store once, not on every call.
 *
 * @remarks
 * Controllers are usually instantiated per request, so entries are keyed by
 * class (the constructor for instance methods, the class itself for static
 * ones) and held weakly. Decorators run when a class is defined, so the
 * metadata of a class does not change afterwards.
 *
 * @typeParam T - The metadata type
 */
export class MetadataCache<T> {
  private readonly instanceMethods = new WeakMap<
    object,
    Map<string, T | null>
  >();
  private readonly staticMethods = new WeakMap<object, Map<string, T | null>>();

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
    const isStatic = typeof target === 'function';
    const owner = isStatic ? target : target.constructor;
    const store = isStatic ? this.staticMethods : this.instanceMethods;
    let methods = store.get(owner);
    if (methods == null) {
      methods = new Map();
      store.set(owner, methods);
    }
    let metadata = methods.get(method);
    if (metadata === undefined) {
      metadata = this.read(target, method) ?? null;
      methods.set(method, metadata);
    }
    return metadata ?? undefined;
  }
}
