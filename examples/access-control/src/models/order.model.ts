// Copyright The loopback-security-monorepo authors. License: MIT.

import {Entity, model, property} from '@loopback/repository';

/**
 * The states an order goes through
 */
export const OrderStatus = Object.freeze({
  /**
   * Created by a customer, not cancelled
   */
  PLACED: 'placed',
  /**
   * Cancelled by customer service; cancelled orders are kept, for the record
   */
  CANCELLED: 'cancelled',
});

/**
 * An order placed by a customer, who owns it
 */
@model({settings: {strict: true}})
export class Order extends Entity {
  /**
   * The id, a UUID generated at creation
   */
  @property({type: 'string', id: true, defaultFn: 'uuidv4'})
  id!: string;

  /**
   * The id of the user who placed the order. Always the caller of
   * `POST /orders`, never a value from the request body.
   */
  @property({type: 'string', required: true})
  ownerId!: string;

  /**
   * What was ordered
   */
  @property({type: 'string', required: true, jsonSchema: {minLength: 1}})
  description!: string;

  /**
   * The amount to pay, zero or more
   */
  @property({
    type: 'number',
    required: true,
    jsonSchema: {minimum: 0},
    // The PostgreSQL connector makes a number an INTEGER column by default
    postgresql: {dataType: 'double precision'},
  })
  total!: number;

  /**
   * `placed` or `cancelled`
   */
  @property({
    type: 'string',
    default: OrderStatus.PLACED,
    jsonSchema: {enum: Object.values(OrderStatus)},
  })
  status!: string;

  /**
   * A note of customer service, which customers never see: the policy rules
   * let only customer service read and write it
   */
  @property({type: 'string'})
  internalNote?: string;

  /**
   * @param data - The properties of the order
   */
  constructor(data?: Partial<Order>) {
    super(data);
  }
}
