// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize} from '@loopback/authorization';
import {inject} from '@loopback/core';
import {get} from '@loopback/rest';
import {AccessControlBindings} from '../keys';
import {BEARER_SECURITY, jsonResponse} from '../openapi/responses';
import {Roles} from '../roles';
import {ViewCounter} from '../services/view-counter.service';

/**
 * The body of `GET /number-of-views`
 */
export interface ViewsResponse {
  /**
   * How many times an order was shown since the server started
   */
  views: number;
}

/**
 * Shop statistics, for admins
 */
export class ViewsController {
  /**
   * @param counter - The order view counter
   */
  constructor(
    @inject(AccessControlBindings.VIEW_COUNTER)
    private readonly counter: ViewCounter,
  ) {}

  /**
   * How many times `GET /orders/{id}` returned an order (ADMIN only)
   */
  @authorize.allow(Roles.ADMIN)
  @get('/number-of-views', {
    summary: 'Count the orders shown since start',
    security: BEARER_SECURITY,
    responses: {
      '200': jsonResponse('The number of order views', {
        type: 'object',
        properties: {views: {type: 'integer', minimum: 0}},
      }),
    },
  })
  numberOfViews(): ViewsResponse {
    return {views: this.counter.views};
  }
}
