// Copyright The loopback-security-monorepo authors. License: MIT.

import {performance} from 'node:perf_hooks';

/**
 * Gives the event loop back during a long computation: {@link TimeSlice.pause}
 * waits for a turn of the loop (`setImmediate`, after pending I/O) once the
 * slice has run for its length, and returns at once otherwise.
 *
 * @remarks
 * The pipeline's awaits settle as microtasks, which never let I/O in: a
 * computation of many decisions in a row would hold every other request
 * until it ends.
 */
export class TimeSlice {
  private since = performance.now();

  /**
   * @param ms - The longest run between two turns of the loop, in
   * milliseconds
   */
  constructor(private readonly ms = 10) {}

  /**
   * Let other work run when the slice is over
   */
  async pause(): Promise<void> {
    if (performance.now() - this.since < this.ms) return;
    await new Promise(resolve => setImmediate(resolve));
    this.since = performance.now();
  }
}
