// Copyright The loopback-security-monorepo authors. License: MIT.

import {securityId} from './principal';

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
