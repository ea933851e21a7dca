// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * The three servers: a route without authorization, with the published
 * package and with ours
 */
export type ServerVariant = 'none' | 'published' | 'ours';

/**
 * The servers, in the order of the first round
 */
export const SERVER_VARIANTS: readonly ServerVariant[] = [
  'none',
  'published',
  'ours',
];

/**
 * The route that is loaded: allowed by the voters
 */
export const ALLOWED_PATH = '/hello';

/**
 * A route whose own `@authorize` voter denies, to check that authorization
 * is in force (403 with a component, 200 without)
 */
export const DENIED_PATH = '/denied';

/**
 * Messages from the benchmark to a server
 */
export type ServerCommand =
  /** Start counting CPU time; answered with `started` */
  | {type: 'start'}
  /** Stop counting; answered with `cpu` */
  | {type: 'stop'}
  /** Stop the server and exit */
  | {type: 'exit'};

/**
 * Messages from a server to the benchmark
 */
export type ServerReport =
  /** Listening on 127.0.0.1 at this port */
  | {type: 'ready'; port: number}
  /** Counting CPU time from now */
  | {type: 'started'}
  /** CPU time spent since `start`, in microseconds */
  | {type: 'cpu'; user: number; system: number};
