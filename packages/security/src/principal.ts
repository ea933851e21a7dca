// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * A symbol for stringified id of security related objects
 *
 * @remarks
 * A symbol rather than a plain `id` property, so that it never collides with
 * the attributes of a user profile or a model that has an `id` of its own.
 */
export const securityId = Symbol('securityId');

/**
 * Represent a user, an application, or a device
 *
 * @remarks
 * Every principal carries its stringified id under {@link securityId}; any
 * other attribute may be added by the identity provider.
 */
export interface Principal {
  /**
   * Name/id of the principal, unique among principals of its type
   */
  [securityId]: string;

  /**
   * Any other attribute of the principal
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attribute: string]: any;
}

/**
 * The minimum set of attributes that describe a user.
 */
export interface UserProfile extends Principal {
  /**
   * The user's email address, if known
   */
  email?: string;
  /**
   * The user's display name, if known
   */
  name?: string;
}

/**
 * An organization, such as a company or a department, acting as a principal
 */
export interface Organization extends Principal {}

/**
 * A team of users acting as a principal
 */
export interface Team extends Principal {}

/**
 * A client application (for example an OAuth 2.0 client) acting as a
 * principal
 */
export interface ClientApplication extends Principal {}

/**
 * A named role, such as `ADMIN`, that principals can be mapped to
 */
export interface Role extends Principal {
  /**
   * The name of the role
   */
  name: string;
}

/**
 * A principal together with its type (`USER`, `APPLICATION`, ...), so that
 * principals of different types can live in one set.
 */
export class TypedPrincipal implements Principal {
  /**
   * Any other attribute
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attribute: string]: any;

  /**
   * @param principal - The principal
   * @param type - Its type, for example `USER` or `APPLICATION`
   */
  constructor(
    /**
     * The principal itself: a user profile, a client application, ...
     */
    public readonly principal: Principal,
    /**
     * The type of the principal, for example `USER` or `APPLICATION`
     */
    public readonly type: string,
  ) {}

  /**
   * The id of the principal qualified by its type, as `TYPE:ID` (for example
   * `USER:u1`), so that a user and an application with the same id differ.
   */
  get [securityId](): string {
    return `${this.type}:${this.principal[securityId]}`;
  }
}
