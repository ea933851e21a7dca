// Copyright The loopback-security-monorepo authors. License: MIT.

import {PolicyRepositoryMixin} from '@loopback/authorization-policy';
import {Order} from '../models';
import {OrderRepository} from './order.repository';

/**
 * Orders as the caller of the current request may see them: every read and
 * write goes through the policy rules of the resource `Order` (see
 * `src/policies/order.policy.json`). A customer finds only their own orders,
 * never the internal note, and may change only the description of their own
 * placed orders.
 *
 * @remarks
 * `OrderRepository` stays unguarded for the application's own work: the demo
 * data, the checks of the tests.
 */
export class GuardedOrderRepository extends PolicyRepositoryMixin<
  Order,
  string,
  typeof OrderRepository
>(OrderRepository, {resource: 'Order'}) {}
