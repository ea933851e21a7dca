// Copyright The loopback-security-monorepo authors. License: MIT.

import debugFactory from 'debug';

const debug = debugFactory('loopback:security:subject');

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
 * Security attributes used to authenticate the subject. Such credentials
 * include passwords, Kerberos tickets, and public key certificates.
 */
export interface Credential {
  /**
   * Any attribute of the credential
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attribute: string]: any;
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

/**
 * `Permission` defines an action/access against a protected resource. It's
 * the `what` for security.
 *
 * There are three levels of permissions
 *
 * - Resource level (Order, User) - Instance level (Order-0001, User-1001) -
 * Property level (User-0001.email)
 *
 * @example
 * ```ts
 * const cancel = new Permission();
 * cancel.resourceType = 'Order';
 * cancel.action = 'cancel';
 * cancel.resourceId = 'order-0001';
 * cancel[securityId]; // 'Order:cancel:order-0001'
 * ```
 */
export class Permission {
  /**
   * Any other attribute
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attribute: string]: any;

  /**
   * The action, for example `read`, `create` or `cancel`
   */
  action!: string;
  /**
   * The type of the protected resource, for example `Order` or `User`
   */
  resourceType!: string;
  /**
   * A property of the resource, for permissions at the property level, for
   * example `email` of `User`
   */
  resourceProperty?: string;
  /**
   * The id of one instance, for permissions at the instance level
   */
  resourceId?: string;

  /**
   * The permission as a string: `TYPE[.PROPERTY]:ACTION[:ID]`, for example
   * `Order:create`, `Order:cancel:order-0001`, `User.email:read` or
   * `User.email:update:user-0001`.
   */
  get [securityId](): string {
    const target =
      this.resourceProperty != null
        ? `${this.resourceType}.${this.resourceProperty}`
        : this.resourceType;
    const instance = this.resourceId != null ? `:${this.resourceId}` : '';
    return `${target}:${this.action}${instance}`;
  }
}

/**
 * oAuth 2.0 scope
 *
 * @remarks
 * A scope is a named permission that a client was granted, such as
 * `orders:read`.
 */
export interface Scope extends Permission {
  /**
   * The name of the scope
   */
  name: string;
}

/**
 * `Subject` represents both security state and operations for a single
 * request. It's the `who` for security.
 *
 * Such operations include: - authentication (login) - authorization (access
 * control) - session access - logout
 */
export interface Subject {
  /**
   * The principals of the subject: users, applications, devices
   */
  readonly principals: Set<TypedPrincipal>;
  /**
   * The permissions granted to the subject
   */
  readonly authorities: Set<Permission>;
  /**
   * The credentials the subject authenticated with
   */
  readonly credentials: Set<Credential>;
}

/**
 * Default implementation of `Subject`
 */
export class DefaultSubject implements Subject {
  /**
   * {@inheritDoc Subject.principals}
   */
  readonly principals = new Set<TypedPrincipal>();
  /**
   * {@inheritDoc Subject.authorities}
   */
  readonly authorities = new Set<Permission>();
  /**
   * {@inheritDoc Subject.credentials}
   */
  readonly credentials = new Set<Credential>();

  /**
   * Add users to the subject, each as a principal of type `USER`
   * @param users - The user profiles
   */
  addUser(...users: UserProfile[]): void {
    for (const user of users) {
      this.addPrincipal(new TypedPrincipal(user, 'USER'));
    }
  }

  /**
   * Add a client application to the subject, as a principal of type
   * `APPLICATION`
   * @param app - The client application
   */
  addApplication(app: ClientApplication): void {
    this.addPrincipal(new TypedPrincipal(app, 'APPLICATION'));
  }

  private addPrincipal(principal: TypedPrincipal) {
    this.principals.add(principal);
    if (debug.enabled) debug('Principal added: %s', principal[securityId]);
  }

  /**
   * Add permissions granted to the subject
   * @param authorities - The permissions
   */
  addAuthority(...authorities: Permission[]): void {
    for (const authority of authorities) {
      this.authorities.add(authority);
      if (debug.enabled) debug('Authority added: %s', authority[securityId]);
    }
  }

  /**
   * Add credentials the subject authenticated with
   * @param credentials - The credentials
   */
  addCredential(...credentials: Credential[]): void {
    for (const credential of credentials) {
      this.credentials.add(credential);
    }
  }

  /**
   * Get the first principal of a type, in the order they were added
   * @param type - The principal type, for example `USER`
   * @returns The principal, or `undefined` if there is none of that type
   */
  getPrincipal(type: string): Principal | undefined {
    for (const typed of this.principals) {
      if (typed.type === type) return typed.principal;
    }
    return undefined;
  }

  /**
   * The first user of the subject, or `undefined` for an anonymous subject
   */
  get user(): UserProfile | undefined {
    return this.getPrincipal('USER') as UserProfile | undefined;
  }
}
