// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * The roles of the shop. A user holds any number of them in its `roles`
 * property; they travel in the `roles` claim of the token.
 */
export const Roles = Object.freeze({
  /**
   * Manages the shop: reads any order, the view counter and any user's email
   */
  ADMIN: 'ADMIN',
  /**
   * Helps customers: reads and cancels any order
   */
  CUSTOMER_SERVICE: 'CUSTOMER_SERVICE',
  /**
   * Buys: creates orders and reads their own
   */
  CUSTOMER: 'CUSTOMER',
});

/**
 * One of the {@link Roles}
 */
export type RoleName = (typeof Roles)[keyof typeof Roles];
