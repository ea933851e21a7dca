// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  microseconds,
  perSecond,
  ratio,
  ratioWithSpread,
  signedMicroseconds,
  table,
} from './format';
import {InvocationScenarioResult} from './scenarios/invoke-method.scenario';

/**
 * The invocation results as a Markdown table: µs per call and calls per
 * second of each variant, the overheads over the baseline and their ratio,
 * by the medians and by the quiet rounds
 *
 * @param scenarios - The invocation results
 */
export function formatInvocationTable(
  scenarios: readonly InvocationScenarioResult[],
): string {
  return table(
    [
      'invokeMethod',
      'baseline µs',
      'published µs',
      'ours µs',
      'baseline calls/s',
      'published calls/s',
      'ours calls/s',
      'published overhead µs',
      'ours overhead µs',
      'ours/published',
      'ours/published (CPU time)',
      'ours/published (quiet rounds)',
    ],
    scenarios.map(s => [
      s.title,
      microseconds(s.variants.baseline.microseconds),
      microseconds(s.variants.published.microseconds),
      microseconds(s.variants.ours.microseconds),
      perSecond(s.variants.baseline.callsPerSecond),
      perSecond(s.variants.published.callsPerSecond),
      perSecond(s.variants.ours.callsPerSecond),
      signedMicroseconds(s.overhead.published),
      signedMicroseconds(s.overhead.ours),
      ratioWithSpread(s.ratioSpread),
      ratioWithSpread(s.cpuRatioSpread),
      ratio(s.quiet.ratio),
    ]),
  );
}

/**
 * The lines on the yardsticks: what the floor costs over the baseline, ours
 * over the floor in the same rounds, and the lookups contender between them;
 * each by the differences within each round, then from the quiet rounds
 *
 * @param scenarios - The invocation results
 */
export function formatFloor(
  scenarios: readonly InvocationScenarioResult[],
): string[] {
  const lines: string[] = [];
  const fastPath = scenarios.find(s => s.floor != null && !s.decorated);
  if (fastPath?.floor != null) {
    lines.push(
      `Floor: a global interceptor that only calls \`next()\` costs ` +
        `${signedMicroseconds(fastPath.floor.overhead)} µs per call over ` +
        `the baseline (${fastPath.title}; quiet rounds: ` +
        `${signedMicroseconds(fastPath.floor.quiet.overhead)} µs): ` +
        "LoopBack's interceptor chain, " +
        'paid by any interceptor-based authorization before it does ' +
        'anything.',
    );
  }
  for (const s of scenarios) {
    if (s.floor == null || !s.decorated) continue;
    const {quiet} = s.floor;
    lines.push(
      `Ours over the floor, ${s.title}, in the same rounds: ` +
        `${signedMicroseconds(s.floor.oursOver)} µs per call ` +
        `(CPU time: ${signedMicroseconds(s.floor.oursOverCpu)} µs); the ` +
        `floor itself cost ${signedMicroseconds(s.floor.overhead)} µs over ` +
        'the baseline there; quiet rounds: ours ' +
        `${signedMicroseconds(quiet.oursOver)} µs over the floor (CPU ` +
        `time: ${signedMicroseconds(quiet.oursOverCpu)} µs), the floor ` +
        `${signedMicroseconds(quiet.overhead)} µs over the baseline.`,
    );
    if (s.lookups == null) continue;
    const {lookups} = s;
    lines.push(
      "Lookups: the lookups a decision makes through LoopBack's public API " +
        '(options, user, four extension points by tag) and the vote, ' +
        `nothing else, cost ${signedMicroseconds(lookups.overFloor)} µs ` +
        `over the floor; ours cost ${signedMicroseconds(lookups.oursOver)} ` +
        `µs over them (CPU time: ${signedMicroseconds(lookups.overFloorCpu)} ` +
        `and ${signedMicroseconds(lookups.oursOverCpu)} µs), ${s.title}, ` +
        'in the same rounds; quiet rounds: the lookups ' +
        `${signedMicroseconds(lookups.quiet.overFloor)} µs over the floor, ` +
        `ours ${signedMicroseconds(lookups.quiet.oursOver)} µs over them ` +
        `(CPU time: ${signedMicroseconds(lookups.quiet.overFloorCpu)} and ` +
        `${signedMicroseconds(lookups.quiet.oursOverCpu)} µs).`,
    );
  }
  return lines;
}
