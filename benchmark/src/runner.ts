// Copyright The loopback-security-monorepo authors. License: MIT.

import {stopTestPostgres} from '@loopback/authorization-postgres/testing';
import {checkVariants} from './checks';
import {planCores} from './cpu-affinity';
import {describeMachine} from './machine';
import {BenchmarkOptions, readOptions} from './options';
import {BenchmarkResults, formatReport, writeResults} from './report';
import {POLICY_RULE_COUNTS, policyTargets} from './policy/policy-report';
import {checkPolicyEngines, runPolicyScenario} from './policy/policy.scenario';
import {
  CROWDED_RULE_COUNTS,
  CROWDED_SHAPES,
  runCrowdedScenario,
} from './policy/crowded-bucket.scenario';
import {crowdedTargets} from './policy/crowded-report';
import {evaluateTargets} from './targets';
import {fastPathScenario} from './scenarios/fast-path.scenario';
import {runHttpScenario} from './scenarios/http.scenario';
import {runPropagationScenario} from './scenarios/propagation.scenario';
import {runListScenario} from './list/list-pushdown.scenario';
import {listTargets} from './list/list-report';
import {decisionLogTargets} from './log/decision-log-report';
import {runDecisionLogScenario} from './log/decision-log.scenario';
import {
  invokeMethodScenarios,
  runInvocationScenario,
  scenarioContenders,
} from './scenarios/invoke-method.scenario';

const started = Date.now();

function progress(message: string) {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(3);
  process.stderr.write(`[bench ${seconds} s] ${message}\n`);
}

/**
 * Run the benchmark: check that the variants authorize, time the invocation
 * scenarios in this process, load the HTTP servers in child processes, then
 * print the report and write the results as JSON.
 *
 * @remarks
 * The PostgreSQL scenarios share one embedded server (unless
 * `DATABASE_URL` is set), started on first use; it is stopped, and its data
 * folder removed, when the run ends, whether it succeeds or fails.
 *
 * @param options - What to run, `readOptions()` by default
 * @returns The results; `problems` is not empty when a check failed
 */
export async function runBenchmark(
  options: BenchmarkOptions = readOptions(),
): Promise<BenchmarkResults> {
  try {
    return await runScenarios(options);
  } finally {
    await stopTestPostgres();
  }
}

async function runScenarios(
  options: BenchmarkOptions,
): Promise<BenchmarkResults> {
  const results: BenchmarkResults = {
    date: new Date().toISOString(),
    command: [
      ...Object.entries(process.env)
        .filter(([name]) => name.startsWith('BENCH_'))
        .map(([name, value]) => `${name}=${value}`),
      'npm run bench',
      ...process.argv.slice(2),
    ].join(' '),
    machine: describeMachine(),
    options,
    invocation: [],
    targets: [],
    problems: [],
  };
  const only = (part: BenchmarkOptions['only']) =>
    options.only === 'all' || options.only === part;
  if (only('invoke')) {
    const scenarios = [
      ...invokeMethodScenarios(options.voters),
      fastPathScenario(),
    ];
    for (const scenario of scenarios) {
      results.problems.push(
        ...(await checkVariants(
          scenario.voters,
          scenario.withUser,
          scenario.decorated,
          scenarioContenders(scenario),
        )),
      );
    }
    // The first rounds of a process also pay for compiling LoopBack's code:
    // run them once, unrecorded, so that no scenario carries that cost
    progress('invokeMethod: warming up');
    await runInvocationScenario(
      {
        ...scenarios[0],
        voters: 10,
        withFloor: true,
        withLookups: scenarios[0].decorated,
      },
      {warmup: options.warmup, rounds: 5, batchMs: options.batchMs},
    );
    for (const scenario of scenarios) {
      progress(`invokeMethod: ${scenario.title}`);
      results.invocation.push(
        await runInvocationScenario(scenario, {
          warmup: options.warmup,
          rounds: options.rounds,
          batchMs: options.batchMs,
        }),
      );
    }
  }
  if (only('log')) {
    progress('decision log: ours without a listener, with one, with the log');
    results.decisionLog = await runDecisionLogScenario({
      warmup: options.warmup,
      rounds: options.rounds,
      batchMs: options.batchMs,
    });
    if (results.decisionLog.recorded === 0) {
      results.problems.push('The decision log recorded no decision');
    }
  }
  if (only('policy')) {
    results.policy = [];
    for (const count of POLICY_RULE_COUNTS) {
      progress(`policy: ${count} rules`);
      results.problems.push(...(await checkPolicyEngines(count)));
      results.policy.push(
        await runPolicyScenario(count, {
          rounds: options.policyRounds,
          batchMs: options.policyBatchMs,
        }),
      );
    }
  }
  if (only('policy') || options.only === 'crowded') {
    results.crowded = [];
    for (const shape of CROWDED_SHAPES) {
      progress(
        `policy: crowded buckets of ${CROWDED_RULE_COUNTS.join(' and ')} rules (${shape})`,
      );
      const {results: crowded, problems} = runCrowdedScenario(
        shape,
        CROWDED_RULE_COUNTS,
        options.crowdedRounds,
        {rounds: options.policyRounds, batchMs: options.policyBatchMs},
      );
      results.crowded.push(...crowded);
      results.problems.push(...problems);
    }
  }
  if (only('http')) {
    const cores = planCores(options.pin);
    progress(
      `HTTP: ${options.httpRounds} rounds of ${options.httpDuration} s ` +
        `per server (${
          cores.serverCore != null
            ? `servers on core ${cores.serverCore}, autocannon on core ${cores.clientCore}`
            : `not pinned: ${cores.reason}`
        })`,
    );
    results.http = await runHttpScenario(
      {
        rounds: options.httpRounds,
        duration: options.httpDuration,
        warmup: options.httpWarmup,
        connections: options.httpConnections,
        voters: options.httpVoters,
      },
      cores,
      problem => results.problems.push(problem),
    );
    const failures = Object.entries(results.http.servers).filter(
      ([, figures]) => figures.failures > 0,
    );
    for (const [variant, figures] of failures) {
      results.problems.push(
        `${variant} server: ${figures.failures} failed requests under load`,
      );
    }
  }
  if (only('propagation')) {
    progress(
      `propagation: ${options.propagationChanges} role changes, 3 instances on PostgreSQL`,
    );
    results.propagation = await runPropagationScenario(
      options.propagationChanges,
    );
  }
  if (only('list')) {
    progress(
      `list: ${options.listRows} orders on PostgreSQL, the filter pushed down or applied in the process`,
    );
    results.list = await runListScenario(options.listRows, options.listRounds);
  }
  results.targets = [
    ...evaluateTargets(results),
    ...policyTargets(results.policy ?? []),
    ...crowdedTargets(results.crowded ?? []),
    ...listTargets(results.list),
    ...decisionLogTargets(results.decisionLog),
  ];
  return results;
}

/**
 * The command line: run, print, write `results/latest.json`. It exits 0
 * whatever the figures, and 1 when a check failed or the run crashed.
 */
export async function main(): Promise<void> {
  let code = 0;
  try {
    const options = readOptions();
    const results = await runBenchmark(options);
    process.stdout.write('\n' + formatReport(results));
    const file = writeResults(options.output, results);
    progress(`results written to ${file}`);
    if (results.problems.length > 0) code = 1;
  } catch (error) {
    console.error('The benchmark failed:', error);
    code = 1;
  }
  process.exit(code);
}
