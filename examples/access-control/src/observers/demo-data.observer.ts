// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, LifeCycleObserver, lifeCycleObserver} from '@loopback/core';
import {repository} from '@loopback/repository';
import debugFactory from 'debug';
import {PasswordHasher} from '../authentication/password-hasher.service';
import {RoleSource} from '../authorization/role-source';
import type {DbDataSource} from '../datasources/db.datasource';
import {withSetupLock} from '../datasources/setup-lock';
import {AccessControlBindings} from '../keys';
import {OrderStatus} from '../models';
import {OrderRepository} from '../repositories/order.repository';
import {UserRepository} from '../repositories/user.repository';
import {Roles} from '../roles';

const debug = debugFactory('loopback:example:access-control:demo-data');

/**
 * A demo user, with its password in clear (for the README and the tests)
 */
export interface DemoUser {
  /**
   * The login name
   */
  username: string;
  /**
   * The password, for demonstration only
   */
  password: string;
  /**
   * The display name
   */
  name: string;
  /**
   * The email address
   */
  email: string;
  /**
   * The roles
   */
  roles: string[];
}

/**
 * The users created at start when absent. Their passwords are public: this
 * is a demo, not a shop.
 */
export const DEMO_USERS: readonly DemoUser[] = Object.freeze([
  demoUser('admin', 'Ada Admin', Roles.ADMIN),
  demoUser('service', 'Sam Service', Roles.CUSTOMER_SERVICE),
  demoUser('alice', 'Alice', Roles.CUSTOMER),
  demoUser('bob', 'Bob', Roles.CUSTOMER),
]);

/**
 * A demo user with one role, whose password is `<username>-password` and
 * whose email address is `<username>@example.com`
 */
function demoUser(username: string, name: string, role: string): DemoUser {
  return {
    username,
    password: `${username}-password`,
    name,
    email: `${username}@example.com`,
    roles: [role],
  };
}

/**
 * The orders alice owns from the start, when she has none
 */
export const DEMO_ORDERS = Object.freeze([
  {description: 'Three lavender soaps', total: 12.5},
  {description: 'A blue teapot', total: 30},
]);

/**
 * Seeds the demo users and alice's orders when the application starts.
 *
 * @remarks
 * Only what is absent is created, so that with `DATA_FILE` a restart keeps
 * the changes made since (a new email, cancelled orders) and adds no
 * duplicates; in PostgreSQL mode it looks and creates under the set-up
 * lock, so instances started together seed once. It runs before the server
 * starts listening: the `server` observers start last.
 */
@lifeCycleObserver('seed')
export class DemoDataObserver implements LifeCycleObserver {
  /**
   * @param users - The user repository
   * @param orders - The order repository
   * @param hasher - Hashes the demo passwords
   * @param roleSource - Where the roles are kept
   * @param dataSource - The `db` datasource, for the set-up lock
   */
  constructor(
    @repository(UserRepository) private readonly users: UserRepository,
    @repository(OrderRepository) private readonly orders: OrderRepository,
    @inject(AccessControlBindings.PASSWORD_HASHER)
    private readonly hasher: PasswordHasher,
    @inject(AccessControlBindings.ROLE_SOURCE)
    private readonly roleSource: RoleSource,
    @inject(AccessControlBindings.DATASOURCE)
    private readonly dataSource: DbDataSource,
  ) {}

  /**
   * Create what is missing
   */
  start(): Promise<void> {
    return withSetupLock(this.dataSource, () => this.seed());
  }

  private async seed(): Promise<void> {
    for (const {password, ...demo} of DEMO_USERS) {
      if (await this.users.findByUsername(demo.username)) continue;
      const passwordHash = await this.hasher.hash(password);
      // The roles go where authorization reads them, next
      const user = await this.users.create({...demo, roles: [], passwordHash});
      // The roles authorization reads: the user record itself in memory
      // mode, the role assignments in PostgreSQL mode
      await this.roleSource.setRoles(user.id, demo.roles);
      debug('Created demo user %s', demo.username);
    }
    const alice = await this.users.findByUsername('alice');
    if (alice && (await this.orders.count({ownerId: alice.id})).count === 0) {
      for (const order of DEMO_ORDERS) {
        await this.orders.create({
          ...order,
          ownerId: alice.id,
          status: OrderStatus.PLACED,
        });
      }
      debug('Created %d orders for alice', DEMO_ORDERS.length);
    }
  }
}
