// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize} from '@loopback/authorization';
import {inject} from '@loopback/core';
import {repository} from '@loopback/repository';
import {
  del,
  get,
  getModelSchemaRef,
  param,
  post,
  requestBody,
  Response,
  RestBindings,
} from '@loopback/rest';
import {SecurityBindings} from '@loopback/security';
import {ShopUserProfile} from '../authentication/jwt.service';
import {AccessControlBindings} from '../keys';
import {Order, OrderStatus} from '../models';
import {
  BEARER_SECURITY,
  errorResponse,
  jsonResponse,
  UNPROCESSABLE_RESPONSE,
} from '../openapi/responses';
import {GuardedOrderRepository} from '../repositories/guarded-order.repository';
import {ViewCounter} from '../services/view-counter.service';

/**
 * What a customer sends to place an order: the owner and the status are set
 * by the server, and the schema refuses them (and any other extra property)
 */
export type NewOrder = Pick<Order, 'description' | 'total'>;

const ORDER_RESPONSE = jsonResponse('The order', getModelSchemaRef(Order));

/**
 * Place, read and cancel orders
 */
export class OrderController {
  /**
   * @param orders - The orders as the caller may see them
   * @param counter - Counts the orders shown
   * @param response - The HTTP response, to answer 201 with a Location
   * @param currentUser - The caller, bound by the authentication middleware;
   * `undefined` for an anonymous caller
   */
  constructor(
    @repository(GuardedOrderRepository)
    private readonly orders: GuardedOrderRepository,
    @inject(AccessControlBindings.VIEW_COUNTER)
    private readonly counter: ViewCounter,
    @inject(RestBindings.Http.RESPONSE) private readonly response: Response,
    @inject(SecurityBindings.USER, {optional: true})
    private readonly currentUser: ShopUserProfile | undefined,
  ) {}

  /**
   * Place an order; the caller becomes its owner (any authenticated user)
   * @param body - Description and total
   */
  @authorize({resource: 'Order', action: 'create'})
  @post('/orders', {
    summary: 'Place an order owned by the caller',
    security: BEARER_SECURITY,
    responses: {
      '201': ORDER_RESPONSE,
      '422': UNPROCESSABLE_RESPONSE,
    },
  })
  async createOrder(
    @requestBody({
      required: true,
      content: {
        'application/json': {
          schema: getModelSchemaRef(Order, {
            title: 'NewOrder',
            exclude: ['id', 'ownerId', 'status', 'internalNote'],
          }),
        },
      },
    })
    body: NewOrder,
  ): Promise<Order> {
    // Authorization let only authenticated callers in, so the user is bound.
    const order = await this.orders.create({
      description: body.description,
      total: body.total,
      ownerId: this.currentUser!.id,
      status: OrderStatus.PLACED,
    });
    this.response.status(201).location(`/orders/${order.id}`);
    return order;
  }

  /**
   * Show an order (its owner, CUSTOMER_SERVICE or ADMIN)
   *
   * @remarks
   * The policy rules decide: a customer reads their own orders, without the
   * internal note; customer service reads every order with it; admins every
   * order without it. An order the caller may not read answers 404, like a
   * missing one, so that no one learns which ids exist.
   *
   * @param id - The order id
   */
  @authorize({resource: 'Order', action: 'read'})
  @get('/orders/{id}', {
    summary: 'Show an order',
    security: BEARER_SECURITY,
    responses: {
      '200': ORDER_RESPONSE,
      '404': errorResponse('No such order, or one the caller may not read'),
    },
  })
  async findOrderById(@param.path.string('id') id: string): Promise<Order> {
    const order = await this.orders.findById(id);
    this.counter.increment();
    return order;
  }

  /**
   * Cancel an order: it stays, with the status `cancelled`
   * (CUSTOMER_SERVICE only)
   * @param id - The order id
   */
  @authorize({resource: 'Order', action: 'cancel'})
  @del('/orders/{id}', {
    summary: 'Cancel an order, kept as cancelled',
    security: BEARER_SECURITY,
    responses: {
      '200': jsonResponse(
        'The cancelled order; cancelling twice is harmless',
        getModelSchemaRef(Order),
      ),
      '404': errorResponse('No such order'),
    },
  })
  async cancelOrder(@param.path.string('id') id: string): Promise<Order> {
    // Kept rather than deleted: the customer and the shop keep a record.
    await this.orders.updateById(id, {status: OrderStatus.CANCELLED});
    return this.orders.findById(id);
  }
}
