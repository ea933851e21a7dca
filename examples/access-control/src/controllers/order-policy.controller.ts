// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize} from '@loopback/authorization';
import {
  Count,
  CountSchema,
  Filter,
  repository,
  Where,
} from '@loopback/repository';
import {
  get,
  getModelSchemaRef,
  param,
  patch,
  requestBody,
} from '@loopback/rest';
import {Order} from '../models';
import {
  BEARER_SECURITY,
  errorResponse,
  jsonResponse,
  UNPROCESSABLE_RESPONSE,
} from '../openapi/responses';
import {GuardedOrderRepository} from '../repositories/guarded-order.repository';

const FILTER_FORBIDDEN = errorResponse(
  'Access denied, or a filter that names a property the caller may not read',
);

/**
 * The order routes that only the policy rules decide: the list, the count
 * and the change of an order. The rules of the resource `Order` say who may
 * call each (the policy voter) and which orders and properties each caller
 * reaches (`GuardedOrderRepository`).
 */
export class OrderPolicyController {
  /**
   * @param orders - The orders as the caller may see them
   */
  constructor(
    @repository(GuardedOrderRepository)
    private readonly orders: GuardedOrderRepository,
  ) {}

  /**
   * The orders the caller may read, with the properties they may read
   * @param filter - A LoopBack filter; it can only narrow the list
   */
  @authorize({resource: 'Order', action: 'read'})
  @get('/orders', {
    summary: 'List the orders the caller may read',
    security: BEARER_SECURITY,
    responses: {
      '200': jsonResponse('The orders', {
        type: 'array',
        items: getModelSchemaRef(Order, {partial: true}),
      }),
      '403': FILTER_FORBIDDEN,
    },
  })
  async findOrders(
    @param.filter(Order) filter?: Filter<Order>,
  ): Promise<Order[]> {
    return this.orders.find(filter);
  }

  /**
   * How many orders the caller may read
   * @param where - A LoopBack condition; it can only narrow the count
   */
  @authorize({resource: 'Order', action: 'read'})
  @get('/orders/count', {
    summary: 'Count the orders the caller may read',
    security: BEARER_SECURITY,
    responses: {
      '200': jsonResponse('The count', CountSchema),
      '403': FILTER_FORBIDDEN,
    },
  })
  async countOrders(@param.where(Order) where?: Where<Order>): Promise<Count> {
    return this.orders.count(where);
  }

  /**
   * Change properties of an order: a customer the description of their own
   * placed order, customer service the description, status and note
   * @param id - The order id
   * @param body - The properties to change
   */
  @authorize({resource: 'Order', action: 'update'})
  @patch('/orders/{id}', {
    summary: 'Change properties of an order the caller may change',
    security: BEARER_SECURITY,
    responses: {
      '200': jsonResponse(
        'The order as the caller sees it',
        getModelSchemaRef(Order, {partial: true}),
      ),
      '403': errorResponse(
        'Access denied, or a property the caller may not write (named)',
      ),
      '404': errorResponse('No such order, or one the caller may not read'),
      '422': UNPROCESSABLE_RESPONSE,
    },
  })
  async updateOrder(
    @param.path.string('id') id: string,
    @requestBody({
      required: true,
      content: {
        'application/json': {
          schema: getModelSchemaRef(Order, {
            partial: true,
            title: 'OrderPatch',
          }),
        },
      },
    })
    body: Partial<Order>,
  ): Promise<Order> {
    await this.orders.updateById(id, body);
    return this.orders.findById(id);
  }
}
