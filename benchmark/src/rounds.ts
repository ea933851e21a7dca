// Copyright The loopback-security-monorepo authors. License: MIT.

import {roundOrder} from './statistics';

/**
 * Something to time: an async call, awaited one after the other
 */
export interface Contender<N extends string = string> {
  /**
   * Its name in the results
   */
  readonly name: N;
  /**
   * Make one call
   */
  call(): Promise<unknown>;
}

/**
 * How to run the rounds
 */
export interface RoundsOptions {
  /**
   * Calls of each contender before measuring
   */
  warmup: number;
  /**
   * Measured rounds
   */
  rounds: number;
  /**
   * How long a batch of the slowest contender should last, in milliseconds
   */
  batchMs: number;
}

/**
 * The times of the rounds
 */
export interface RoundsResult<N extends string = string> {
  /**
   * Calls a contender made in each round
   */
  callsPerBatch: number;
  /**
   * Wall-clock microseconds per call of each contender, one figure a round
   */
  microseconds: Record<N, number[]>;
  /**
   * CPU microseconds (user and system, all threads of this process) per
   * call of each contender, one figure a round: unlike the wall clock, it
   * does not count the time other processes held the core
   */
  cpuMicroseconds: Record<N, number[]>;
}

/**
 * The time of a batch of calls
 */
export interface BatchTime {
  /**
   * Wall-clock microseconds per call
   */
  wall: number;
  /**
   * CPU microseconds per call
   */
  cpu: number;
}

/**
 * The fewest calls in a batch, so that the timer's resolution and the loop
 * do not weigh
 */
const MIN_CALLS_PER_BATCH = 100;

/**
 * The least warm-up of a contender, in milliseconds
 */
const MIN_WARMUP_MS = 300;

/**
 * Time a sequential loop of awaited calls: the latency a caller pays per call
 *
 * @param contender - What to call
 * @param calls - How many calls
 * @returns Microseconds per call, by the wall clock and in CPU time
 */
export async function timeCalls(
  contender: Contender,
  calls: number,
): Promise<BatchTime> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await contender.call();
  const elapsed = process.hrtime.bigint() - start;
  const cpu = process.cpuUsage(cpuStart);
  return {
    wall: Number(elapsed) / 1000 / calls,
    cpu: (cpu.user + cpu.system) / calls,
  };
}

/**
 * Time contenders in alternating rounds: each is warmed up, then every round
 * runs a batch of each, back to back, in the order A B C, then C B A, and so
 * on, so that noise from the machine falls on all of them alike.
 *
 * @remarks
 * The batch size is the same for every contender: enough calls for the
 * slowest one to last about `batchMs`.
 *
 * @param contenders - What to time
 * @param options - Warm-up, rounds and batch length
 */
export async function runRounds<N extends string>(
  contenders: readonly Contender<N>[],
  options: RoundsOptions,
): Promise<RoundsResult<N>> {
  for (const contender of contenders) {
    // At least the given calls, and at least a while: the first scenario of
    // the process also pays for compiling LoopBack's own code
    let spent = 0;
    let calls = 0;
    while (calls < options.warmup || spent < MIN_WARMUP_MS * 1000) {
      spent += (await timeCalls(contender, 500)).wall * 500;
      calls += 500;
    }
  }
  let slowest = 0;
  for (const contender of contenders) {
    // The faster of two tries, so that a pause does not shrink the batches
    const first = await timeCalls(contender, 300);
    const second = await timeCalls(contender, 300);
    slowest = Math.max(slowest, Math.min(first.wall, second.wall));
  }
  const callsPerBatch = Math.max(
    MIN_CALLS_PER_BATCH,
    Math.round((options.batchMs * 1000) / slowest),
  );
  const microseconds = {} as Record<N, number[]>;
  const cpuMicroseconds = {} as Record<N, number[]>;
  for (const {name} of contenders) {
    microseconds[name] = [];
    cpuMicroseconds[name] = [];
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const contender of roundOrder(contenders, round)) {
      const time = await timeCalls(contender, callsPerBatch);
      microseconds[contender.name].push(time.wall);
      cpuMicroseconds[contender.name].push(time.cpu);
    }
  }
  return {callsPerBatch, microseconds, cpuMicroseconds};
}
