// Copyright The loopback-security-monorepo authors. License: MIT.

import debugFactory from 'debug';
import type {ServerResponse} from 'node:http';
import type {RouteName} from './decision-entry';
import {DecisionFilter, matchesFilter, toDecisionEntry} from './decision-entry';
import type {DecisionLog} from './decision-log';

const debug = debugFactory('loopback:authorization:console:stream');

/**
 * How often a comment keeps an idle stream open through proxies
 */
const KEEP_ALIVE_MS = 15_000;

/**
 * Follow the decision log as Server-Sent Events on a response: one
 * `decision` event per new decision that passes the filter, its data the
 * JSON entry and its id the entry's number. The stream ends when the client
 * goes away.
 *
 * @remarks
 * A client that reads slower than decisions come is never waited for: while
 * its socket's buffer is full, decisions are dropped for it and counted, and
 * a `dropped` event with the count follows once it drains. Nothing is
 * written from the request path: the log delivers on a later turn.
 *
 * @param log - The decision log
 * @param routeOf - Finds the route of a method
 * @param filter - Which decisions to send
 * @param response - The HTTP response to stream on
 */
export function streamDecisions(
  log: DecisionLog,
  routeOf: (method: string) => RouteName | undefined,
  filter: DecisionFilter,
  response: ServerResponse,
): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // Tell proxies such as nginx not to buffer the stream
    'X-Accel-Buffering': 'no',
  });
  response.write('retry: 2000\n: following the decision log\n\n');
  let dropped = 0;
  const unsubscribe = log.subscribe(
    batch => {
      for (const logged of batch) {
        const entry = toDecisionEntry(logged, routeOf);
        if (!matchesFilter(entry, filter)) continue;
        if (response.writableNeedDrain) {
          dropped++;
          continue;
        }
        response.write(
          `id: ${entry.seq}\nevent: decision\ndata: ${JSON.stringify(entry)}\n\n`,
        );
      }
    },
    // The application stops: end the stream, or it would hold the server
    () => response.end(),
  );
  const onDrain = () => {
    if (dropped === 0) return;
    response.write(`event: dropped\ndata: {"count":${dropped}}\n\n`);
    dropped = 0;
  };
  const keepAlive = setInterval(() => {
    if (!response.writableNeedDrain) response.write(': keep-alive\n\n');
  }, KEEP_ALIVE_MS);
  keepAlive.unref();
  const stop = () => {
    clearInterval(keepAlive);
    unsubscribe();
    response.off('drain', onDrain);
  };
  response.on('drain', onDrain);
  response.once('close', stop);
  response.on('error', err => {
    debug('Decision stream failed: %s', err.message);
    stop();
  });
}
