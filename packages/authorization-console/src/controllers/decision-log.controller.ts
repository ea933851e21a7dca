// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize} from '@loopback/authorization';
import {Constructor, Context, inject} from '@loopback/core';
import {get, param, Response, RestBindings} from '@loopback/rest';
import {SecurityBindings} from '@loopback/security';
import {consoleError} from '../console-errors';
import {AuthorizationConsoleBindings} from '../keys';
import {
  DecisionEntry,
  matchesFilter,
  toDecisionEntry,
} from '../log/decision-entry';
import {DecisionLog} from '../log/decision-log';
import {checkDecisionQuery} from '../log/decision-query';
import {TimeSlice} from '../matrix/time-slice';
import {streamDecisions} from '../log/decision-stream';
import {StreamSlots} from '../log/stream-slots';
import type {PostgresDecisionStore} from '../log/postgres-decision.store';
import {ServerRoutes} from '../routes/server-routes';
import {ResolvedConsoleOptions} from '../types';
import {
  checkConsoleCaller,
  consoleRoleGuard,
} from '../interceptors/console-role.interceptor';
import {consoleAuthorization} from './console-authorization';
import {consoleOperation, errorResponse, jsonResponse} from './console-spec';

const FILTERS = {
  user: 'The caller, by id or name',
  decision: '"Allow" or "Deny"',
  path: 'Part of the route path or of the method name',
};

/**
 * The console's controller of the decision log and its stream, at the
 * configured path, for the configured roles
 * @param options - The console's options
 */
export function createDecisionLogController(
  options: ResolvedConsoleOptions,
): Constructor<unknown> {
  const base = options.path;
  const rules = consoleAuthorization(options.roles);
  const maxLimit = options.capacity;
  // The clients following the stream, against `maxSubscribers`
  const slots = new StreamSlots(options.maxSubscribers);

  @consoleRoleGuard(options.roles)
  class AuthorizationDecisionLogController {
    constructor(
      @inject(AuthorizationConsoleBindings.DECISION_LOG)
      private readonly log: DecisionLog,
      @inject(AuthorizationConsoleBindings.ROUTES)
      private readonly routes: ServerRoutes,
      @inject(RestBindings.Http.CONTEXT)
      private readonly requestCtx: Context,
      @inject(AuthorizationConsoleBindings.DECISION_STORE, {optional: true})
      private readonly store?: PostgresDecisionStore,
    ) {}

    @authorize(rules)
    @get(
      `${base}/decisions`,
      consoleOperation('The most recent decisions, newest first', {
        '200': jsonResponse('The decisions', {
          type: 'array',
          items: {type: 'object'},
        }),
        '400': errorResponse('A malformed filter; details name it'),
      }),
    )
    async decisions(
      @param.query.string('user', {description: FILTERS.user}) user?: string,
      @param.query.string('decision', {description: FILTERS.decision})
      decision?: string,
      @param.query.string('path', {description: FILTERS.path}) path?: string,
      @param.query.string('limit', {description: 'At most this many'})
      limit?: string,
    ): Promise<DecisionEntry[]> {
      const query = checkDecisionQuery({user, decision, path, limit}, maxLimit);
      if (this.store) return this.store.find(query.filter, query.limit);
      await this.routes.list();
      const routeOf = (method: string) => this.routes.routeOf(method);
      const result: DecisionEntry[] = [];
      // Up to the capacity (100,000) entries when the filter matches few:
      // the event loop is given back every 10 ms meanwhile
      const slice = new TimeSlice();
      for (const logged of this.log.newestFirst()) {
        const entry = toDecisionEntry(logged, routeOf);
        if (matchesFilter(entry, query.filter)) {
          result.push(entry);
          if (result.length === query.limit) break;
        }
        await slice.pause();
      }
      return result;
    }

    @authorize(rules)
    @get(
      `${base}/decisions/stream`,
      consoleOperation('New decisions as Server-Sent Events', {
        '200': {
          description: 'One `decision` event per new decision',
          content: {'text/event-stream': {schema: {type: 'string'}}},
        },
        '503': errorResponse(
          'Too many clients follow the log, or the application is stopping',
        ),
      }),
    )
    async stream(
      @inject(RestBindings.Http.RESPONSE) response: Response,
      @param.query.string('user', {description: FILTERS.user}) user?: string,
      @param.query.string('decision', {description: FILTERS.decision})
      decision?: string,
      @param.query.string('path', {description: FILTERS.path}) path?: string,
    ): Promise<Response> {
      const {filter} = checkDecisionQuery({user, decision, path}, maxLimit);
      const release = slots.take();
      if (!release) {
        throw consoleError(
          503,
          'TOO_MANY_SUBSCRIBERS',
          `At most ${options.maxSubscribers} clients may follow the decision log`,
        );
      }
      // Before any await: a client that leaves meanwhile gives its place
      // back. One that left before this method ran has closed already.
      response.once('close', release);
      const gone = () => response.destroyed || response.writableEnded;
      try {
        if (!gone()) await this.routes.list();
      } catch (err) {
        release();
        throw err;
      }
      if (gone()) {
        release();
        return response;
      }
      if (this.log.closed) {
        // Asked for while the application stops: a stream now would
        // never end, and would hold the server open; so would the
        // connection, kept alive once the server began to close
        release();
        response.setHeader('Connection', 'close');
        throw consoleError(
          503,
          'CONSOLE_STOPPING',
          'The application is stopping: the decision log takes no new client',
        );
      }
      const requestCtx = this.requestCtx;
      streamDecisions(
        this.log,
        method => this.routes.routeOf(method),
        filter,
        response,
        {
          recheck: () => recheckCaller(requestCtx, options.roles),
          recheckMs: options.streamRecheckMs,
          maxAgeMs: options.streamMaxAgeMs,
        },
      );
      return response;
    }
  }
  return AuthorizationDecisionLogController;
}

/**
 * Check again the caller of an open stream, as a new request of it would
 * be: authentication's check of its user (deleted, disabled, revoked since
 * the stream opened), when the application binds one, then the console's
 * role. Rejects when either refuses, or fails.
 * @param requestCtx - The context of the stream's request
 * @param roles - The console's roles
 */
async function recheckCaller(
  requestCtx: Context,
  roles: readonly string[],
): Promise<void> {
  const check = await requestCtx.get(AuthorizationConsoleBindings.USER_CHECK, {
    optional: true,
  });
  const user = await requestCtx.get(SecurityBindings.USER, {optional: true});
  if (check && user) await check(user);
  await checkConsoleCaller(requestCtx, roles);
}
