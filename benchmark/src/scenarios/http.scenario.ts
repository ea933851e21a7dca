// Copyright The loopback-security-monorepo authors. License: MIT.

import autocannon from 'autocannon';
import {CorePlan} from '../cpu-affinity';
import {ServerProcess} from '../http/server-process';
import {
  ALLOWED_PATH,
  DENIED_PATH,
  SERVER_VARIANTS,
  ServerVariant,
} from '../http/protocol';
import {
  median,
  RatioSpread,
  roundRatios,
  pairedDifference,
  pairedRatio,
  relativeSpread,
  roundOrder,
} from '../statistics';

/**
 * How to load the servers
 */
export interface HttpOptions {
  /**
   * Measured rounds; each server is loaded once a round
   */
  rounds: number;
  /**
   * Seconds of load a round
   */
  duration: number;
  /**
   * Seconds of load on each server before the rounds
   */
  warmup: number;
  /**
   * Concurrent connections of the load generator
   */
  connections: number;
  /**
   * Voters bound in each server
   */
  voters: number;
}

/**
 * The figures of one server
 */
export interface ServerFigures {
  /**
   * Median requests per second over the rounds
   */
  requestsPerSecond: number;
  /**
   * Median server CPU time (user and system) per request, in microseconds
   */
  cpuMicrosecondsPerRequest: number;
  /**
   * Half the interquartile range over the median, of each figure
   */
  spread: {requestsPerSecond: number; cpuMicrosecondsPerRequest: number};
  /**
   * The figures of each round
   */
  rounds: {requestsPerSecond: number[]; cpuMicrosecondsPerRequest: number[]};
  /**
   * Responses other than 2xx, and connection errors, over all rounds; any
   * means the figures are wrong
   */
  failures: number;
}

/**
 * The results of the HTTP scenario
 */
export interface HttpScenarioResult extends HttpOptions {
  /**
   * The route that was loaded
   */
  path: string;
  /**
   * Whether the requests had a user (bound by a middleware)
   */
  withUser: true;
  /**
   * Where the processes ran
   */
  cores: CorePlan;
  /**
   * The figures of each server
   */
  servers: Record<ServerVariant, ServerFigures>;
  /**
   * Requests per second with authorization over those without: the median
   * of the ratios within each round, which cancels the noise shared by a
   * round
   */
  throughput: {published: number; ours: number};
  /**
   * The same, as the ratio of the medians
   */
  throughputOfMedians: {published: number; ours: number};
  /**
   * Server CPU microseconds per request over the server without
   * authorization: the median of the differences within each round
   */
  cpuOverhead: {published: number; ours: number};
  /**
   * The requests per second with authorization over those without that the
   * CPU time per request implies (the medians of the CPU time per request
   * of the server without authorization over those with it): on a core
   * that the server saturates, a steadier estimate of the throughput
   */
  throughputFromCpu: {published: number; ours: number};
  /**
   * Our CPU overhead over the published package's: the median over the
   * rounds of the ratio within each round
   */
  cpuRatio: number;
  /**
   * The spread of that ratio over the rounds
   */
  cpuRatioSpread: RatioSpread;
}

/**
 * Check that the servers answer and authorize: the allowed route answers 200
 * everywhere; the denied one 403 with authorization and 200 without.
 *
 * @param servers - The running servers
 * @returns The problems found, empty when there is none
 */
export async function checkServers(
  servers: readonly ServerProcess[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const server of servers) {
    const expected: [string, number][] = [
      [ALLOWED_PATH, 200],
      [DENIED_PATH, server.variant === 'none' ? 200 : 403],
    ];
    for (const [pathname, status] of expected) {
      const response = await fetch(server.url(pathname));
      await response.arrayBuffer();
      if (response.status !== status) {
        problems.push(
          `${server.variant} server, GET ${pathname}: expected ${status}, ` +
            `got ${response.status}`,
        );
      }
    }
  }
  return problems;
}

async function load(
  server: ServerProcess,
  seconds: number,
  options: HttpOptions,
) {
  const {result, cpuMicroseconds} = await server.measureCpu(() =>
    autocannon({
      url: server.url(ALLOWED_PATH),
      connections: options.connections,
      duration: seconds,
      pipelining: 1,
    }),
  );
  const requests = result.requests.total;
  return {
    requestsPerSecond: requests / result.duration,
    cpuMicrosecondsPerRequest: cpuMicroseconds / requests,
    failures: result.non2xx + result.errors,
  };
}

/**
 * Fork the three servers, check them, then load each in alternating rounds
 * of fixed duration and measure requests per second and server CPU time per
 * request
 *
 * @param options - Rounds, durations, connections and voters
 * @param cores - Where to run the servers (this process is already pinned)
 * @param onProblem - Called with each problem of the checks; the scenario
 * still runs
 */
export async function runHttpScenario(
  options: HttpOptions,
  cores: CorePlan,
  onProblem: (problem: string) => void = () => {},
): Promise<HttpScenarioResult> {
  const pin =
    cores.taskset != null && cores.serverCore != null
      ? {taskset: cores.taskset, core: cores.serverCore}
      : undefined;
  const servers: ServerProcess[] = [];
  try {
    for (const variant of SERVER_VARIANTS) {
      servers.push(await ServerProcess.start(variant, options.voters, pin));
    }
    (await checkServers(servers)).forEach(onProblem);
    for (const server of servers) await load(server, options.warmup, options);
    const samples = {} as Record<ServerVariant, ServerFigures>;
    for (const server of servers) {
      samples[server.variant] = {
        requestsPerSecond: NaN,
        cpuMicrosecondsPerRequest: NaN,
        spread: {requestsPerSecond: 0, cpuMicrosecondsPerRequest: 0},
        rounds: {requestsPerSecond: [], cpuMicrosecondsPerRequest: []},
        failures: 0,
      };
    }
    for (let round = 0; round < options.rounds; round++) {
      for (const server of roundOrder(servers, round)) {
        const figures = await load(server, options.duration, options);
        const sample = samples[server.variant];
        sample.rounds.requestsPerSecond.push(figures.requestsPerSecond);
        sample.rounds.cpuMicrosecondsPerRequest.push(
          figures.cpuMicrosecondsPerRequest,
        );
        sample.failures += figures.failures;
      }
    }
    for (const sample of Object.values(samples)) {
      const {requestsPerSecond: rps, cpuMicrosecondsPerRequest: cpu} =
        sample.rounds;
      sample.requestsPerSecond = median(rps);
      sample.cpuMicrosecondsPerRequest = median(cpu);
      sample.spread = {
        requestsPerSecond: relativeSpread(rps),
        cpuMicrosecondsPerRequest: relativeSpread(cpu),
      };
    }
    const {none, published, ours} = samples;
    const cpuRatioSpread = roundRatios(
      ours.rounds.cpuMicrosecondsPerRequest,
      published.rounds.cpuMicrosecondsPerRequest,
      none.rounds.cpuMicrosecondsPerRequest,
    );
    const cpuOverhead = {
      published: pairedDifference(
        published.rounds.cpuMicrosecondsPerRequest,
        none.rounds.cpuMicrosecondsPerRequest,
      ),
      ours: pairedDifference(
        ours.rounds.cpuMicrosecondsPerRequest,
        none.rounds.cpuMicrosecondsPerRequest,
      ),
    };
    return {
      ...options,
      path: ALLOWED_PATH,
      withUser: true,
      cores,
      servers: samples,
      throughputOfMedians: {
        published: published.requestsPerSecond / none.requestsPerSecond,
        ours: ours.requestsPerSecond / none.requestsPerSecond,
      },
      throughput: {
        published: pairedRatio(
          published.rounds.requestsPerSecond,
          none.rounds.requestsPerSecond,
        ),
        ours: pairedRatio(
          ours.rounds.requestsPerSecond,
          none.rounds.requestsPerSecond,
        ),
      },
      throughputFromCpu: {
        published:
          none.cpuMicrosecondsPerRequest / published.cpuMicrosecondsPerRequest,
        ours: none.cpuMicrosecondsPerRequest / ours.cpuMicrosecondsPerRequest,
      },
      cpuOverhead,
      cpuRatio: cpuRatioSpread.median,
      cpuRatioSpread,
    };
  } finally {
    await Promise.all(servers.map(server => server.stop()));
  }
}
