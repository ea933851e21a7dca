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
 * What keeps a stream's client honest: the check of its access, run again
 * while the stream is open, and the stream's longest life
 */
export interface StreamGuard {
  /**
   * Check again that the client may follow the log; rejects when it may not
   */
  recheck(): Promise<void>;
  /**
   * How often to check, in milliseconds
   */
  recheckMs: number;
  /**
   * The longest life of the stream, in milliseconds
   */
  maxAgeMs: number;
}

/**
 * Follow the decision log as Server-Sent Events on a response: one
 * `decision` event per new decision that passes the filter, its data the
 * JSON entry and its id the entry's number. The stream ends when the client
 * goes away, when the client no longer passes the check of its access (a
 * `closed` event with the reason comes first), and when it reaches its
 * longest life (the client reconnects, through authentication again).
 *
 * @remarks
 * A client that reads slower than decisions come is never waited for: while
 * its socket's buffer is full, decisions are dropped for it and counted, and
 * a `dropped` event with the count follows once it drains. Nothing is
 * written from the request path: the log delivers on a later turn. A
 * response already closed (the client left while the request was decided)
 * gets nothing and leaves nothing behind.
 *
 * @param log - The decision log
 * @param routeOf - Finds the route of a method
 * @param filter - Which decisions to send
 * @param response - The HTTP response to stream on
 * @param guard - The check of the client's access, and the longest life
 */
export function streamDecisions(
  log: DecisionLog,
  routeOf: (method: string) => RouteName | undefined,
  filter: DecisionFilter,
  response: ServerResponse,
  guard: StreamGuard,
): void {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // Tell proxies such as nginx not to buffer the stream
    'X-Accel-Buffering': 'no',
  });
  response.write('retry: 2000\n: following the decision log\n\n');
  let dropped = 0;
  let open = true;
  let unsubscribe = () => {};
  const onDrain = () => {
    if (dropped === 0) return;
    response.write(`event: dropped\ndata: {"count":${dropped}}\n\n`);
    dropped = 0;
  };
  const keepAlive = setInterval(() => {
    if (!response.writableNeedDrain) response.write(': keep-alive\n\n');
  }, KEEP_ALIVE_MS);
  let checking = false;
  const recheck = setInterval(() => {
    if (checking) return;
    checking = true;
    guard.recheck().then(
      () => (checking = false),
      (err: Error) => {
        debug('Decision stream client refused: %s', err.message);
        end('The caller may no longer follow the decision log');
      },
    );
  }, guard.recheckMs);
  const maxAge = setTimeout(
    () => end('The stream reached its longest life: reconnect'),
    guard.maxAgeMs,
  );
  for (const timer of [keepAlive, recheck, maxAge]) timer.unref();
  const stop = () => {
    open = false;
    clearInterval(keepAlive);
    clearInterval(recheck);
    clearTimeout(maxAge);
    unsubscribe();
    response.off('drain', onDrain);
  };
  // Ends the stream, telling the client why when there is a reason
  const end = (reason?: string) => {
    if (!open) return;
    stop();
    if (reason !== undefined) {
      response.write(`event: closed\ndata: ${JSON.stringify({reason})}\n\n`);
    }
    response.end();
  };
  response.on('drain', onDrain);
  response.once('close', stop);
  response.on('error', err => {
    debug('Decision stream failed: %s', err.message);
    stop();
  });
  // Last: a log closed already (the application stops) ends the stream
  // at once, through `end`
  unsubscribe = log.subscribe(
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
    () => end(),
  );
}
