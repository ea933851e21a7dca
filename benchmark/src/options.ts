// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * What to run and for how long. Each field is read from an environment
 * variable (`BENCH_ROUNDS=30`) or from the matching command-line flag
 * (`--rounds=30`); the flag wins.
 */
export interface BenchmarkOptions {
  /**
   * Which parts to run: `invoke` (method invocations in this process),
   * `http` (servers in child processes), `policy` (the policy engine
   * against casbin and CASL, and crowded buckets), `crowded` (crowded
   * buckets only), `propagation` (role changes between instances
   * sharing PostgreSQL), `list` (a policy-filtered list on PostgreSQL),
   * `log` (the cost of the console's decision log) or `all`. `BENCH_ONLY`,
   * default `all`.
   */
  only:
    | 'all'
    | 'invoke'
    | 'http'
    | 'policy'
    | 'crowded'
    | 'propagation'
    | 'list'
    | 'log';
  /**
   * The voter counts of the invocation scenarios. `BENCH_VOTERS`, a
   * comma-separated list, default `1,10,50`.
   */
  voters: number[];
  /**
   * Calls of each variant before measuring it, so that the code is compiled
   * and the caches are warm. `BENCH_WARMUP`, default 2000.
   */
  warmup: number;
  /**
   * Measured rounds of each invocation scenario; every variant runs once a
   * round. `BENCH_ROUNDS`, default 301: many short rounds, so that the
   * machine's ups and downs fall on every variant alike, and so that the
   * quiet-rounds estimate (a tenth of the rounds) rests on some thirty
   * rounds; on a shared 2-core machine it then stayed within a few
   * hundredths of the one-voter ratio from run to run (0.31× to 0.35× over
   * seven runs), where 101 rounds of 8 ms moved it by 0.1.
   */
  rounds: number;
  /**
   * How long a batch of the slowest variant of a scenario should last, in
   * milliseconds; it sets the number of calls a batch, at least 100.
   * Short batches keep a round within one moment of the machine's load, and
   * leave more batches that no other process disturbed. `BENCH_BATCH_MS`,
   * default 2 (100 calls of the invocation scenarios).
   */
  batchMs: number;
  /**
   * Measured rounds of the HTTP scenario; every server is loaded once a
   * round. `BENCH_HTTP_ROUNDS`, default 30.
   */
  httpRounds: number;
  /**
   * Seconds of load on a server in each HTTP round; short rounds alternate
   * often, so that the servers share the machine's ups and downs.
   * `BENCH_HTTP_DURATION`, default 0.8.
   */
  httpDuration: number;
  /**
   * Seconds of load on each server before the measured rounds.
   * `BENCH_HTTP_WARMUP`, default 2.
   */
  httpWarmup: number;
  /**
   * Concurrent connections of the load generator. `BENCH_HTTP_CONNECTIONS`,
   * default 10.
   */
  httpConnections: number;
  /**
   * Voters bound in the HTTP servers. `BENCH_HTTP_VOTERS`, default 10.
   */
  httpVoters: number;
  /**
   * Alternating rounds of the policy engines at each rule count.
   * `BENCH_POLICY_ROUNDS`, default 101: casbin at 100,000 rules takes about
   * a second a round, so the policy part keeps rounds of its own rather
   * than the invocation scenarios' many short ones.
   */
  policyRounds: number;
  /**
   * How long a batch of an engine lasts in the policy part, in
   * milliseconds (at least 4 calls). `BENCH_POLICY_BATCH_MS`, default 8.
   */
  policyBatchMs: number;
  /**
   * Loads of every rule of a crowded bucket (one `apply()` each) at each
   * rule count; the upserts and decisions take `policyRounds` rounds.
   * `BENCH_CROWDED_ROUNDS`, default 7: a load of 100,000 rules takes one to
   * three seconds.
   */
  crowdedRounds: number;
  /**
   * Pin the servers to one core and the load generator to another with
   * `taskset`, when it is available. `BENCH_PIN`, default 1; 0 turns it off.
   */
  pin: boolean;
  /**
   * Role changes of the propagation scenario.
   * `BENCH_PROPAGATION_CHANGES`, default 200.
   */
  propagationChanges: number;
  /**
   * Orders in the table of the list scenario. `BENCH_LIST_ROWS`, default
   * 100000.
   */
  listRows: number;
  /**
   * Alternating rounds of the list scenario. `BENCH_LIST_ROUNDS`, default 7.
   */
  listRounds: number;
  /**
   * Where to write the results as JSON. `BENCH_OUTPUT`, default
   * `results/latest.json` in the benchmark package.
   */
  output: string;
}

/**
 * The options with nothing configured
 */
export const DEFAULT_BENCHMARK_OPTIONS: Readonly<BenchmarkOptions> =
  Object.freeze({
    only: 'all',
    voters: [1, 10, 50],
    warmup: 2000,
    rounds: 301,
    batchMs: 2,
    httpRounds: 30,
    httpDuration: 0.8,
    httpWarmup: 2,
    httpConnections: 10,
    httpVoters: 10,
    policyRounds: 101,
    policyBatchMs: 8,
    crowdedRounds: 7,
    pin: true,
    propagationChanges: 200,
    listRows: 100000,
    listRounds: 7,
    output: 'results/latest.json',
  });

/**
 * The environment variable of an option: `httpRounds` is `BENCH_HTTP_ROUNDS`
 * @param name - The option name
 */
export function environmentName(name: keyof BenchmarkOptions): string {
  return 'BENCH_' + name.replace(/[A-Z]/g, c => '_' + c).toUpperCase();
}

/**
 * The flag of an option: `httpRounds` is `--http-rounds`
 * @param name - The option name
 */
export function flagName(name: keyof BenchmarkOptions): string {
  return '--' + name.replace(/[A-Z]/g, c => '-' + c.toLowerCase());
}

/**
 * Read the options from the environment and the command line, over the
 * defaults. A malformed value throws, naming the option.
 *
 * @param env - The environment, `process.env` by default
 * @param argv - The arguments after the script, `process.argv.slice(2)` by
 * default
 */
export function readOptions(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv.slice(2),
): BenchmarkOptions {
  const options: BenchmarkOptions = {
    ...DEFAULT_BENCHMARK_OPTIONS,
    voters: [...DEFAULT_BENCHMARK_OPTIONS.voters],
  };
  const names = Object.keys(options) as (keyof BenchmarkOptions)[];
  for (const name of names) {
    const flag = flagName(name) + '=';
    const fromFlag = argv.find(arg => arg.startsWith(flag));
    const raw = fromFlag?.slice(flag.length) ?? env[environmentName(name)];
    if (raw == null || raw === '') continue;
    setOption(options, name, raw);
  }
  return options;
}

const ONLY = [
  'all',
  'invoke',
  'http',
  'policy',
  'crowded',
  'propagation',
  'list',
  'log',
];

function setOption(
  options: BenchmarkOptions,
  name: keyof BenchmarkOptions,
  raw: string,
) {
  const fail = (expected: string) =>
    new Error(`${environmentName(name)}: expected ${expected}, got "${raw}"`);
  const positive = (text: string) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) {
      throw fail('a positive number');
    }
    return value;
  };
  switch (name) {
    case 'only':
      if (!ONLY.includes(raw)) {
        throw fail(`${ONLY.slice(0, -1).join(', ')} or ${ONLY.at(-1)}`);
      }
      options.only = raw as BenchmarkOptions['only'];
      return;
    case 'voters':
      options.voters = raw.split(',').map(v => Math.round(positive(v)));
      return;
    case 'pin':
      options.pin = !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
      return;
    case 'output':
      options.output = raw;
      return;
    case 'httpDuration':
    case 'httpWarmup':
      options[name] = positive(raw);
      return;
    default:
      options[name] = Math.round(positive(raw));
  }
}
