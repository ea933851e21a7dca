// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize} from '@loopback/authorization';
import {get} from '@loopback/rest';
import {jsonResponse} from '../openapi/responses';

/**
 * The body of `GET /ping`
 */
export interface PingResponse {
  /**
   * Always `pong`
   */
  greeting: 'pong';
  /**
   * The server time, ISO 8601
   */
  date: string;
}

/**
 * A public health check
 */
export class PingController {
  /**
   * Answer `pong`, to anyone: authorization is skipped
   */
  @authorize.skip()
  @get('/ping', {
    summary: 'Check that the server answers (public)',
    responses: {
      '200': jsonResponse('Pong', {
        type: 'object',
        properties: {
          greeting: {type: 'string', enum: ['pong']},
          date: {type: 'string', format: 'date-time'},
        },
      }),
    },
  })
  ping(): PingResponse {
    return {greeting: 'pong', date: new Date().toISOString()};
  }
}
