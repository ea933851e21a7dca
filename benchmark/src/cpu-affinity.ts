// Copyright The loopback-security-monorepo authors. License: MIT.

import {execFileSync} from 'node:child_process';

/**
 * The path of `taskset`, or `undefined` when it is not installed
 */
export function findTaskset(): string | undefined {
  try {
    const found = execFileSync('sh', ['-c', 'command -v taskset'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cores a process may run on, from `taskset -cp <pid>`
 *
 * @param taskset - The path of `taskset`
 * @param pid - The process, this one by default
 */
export function allowedCores(taskset: string, pid = process.pid): number[] {
  const output = execFileSync(taskset, ['-cp', String(pid)], {
    encoding: 'utf8',
  });
  const list = output.slice(output.lastIndexOf(':') + 1).trim();
  const cores: number[] = [];
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-').map(Number);
    for (let core = from; core <= to; core++) cores.push(core);
  }
  return cores;
}

/**
 * Pin every thread of a process to one core
 *
 * @param taskset - The path of `taskset`
 * @param core - The core
 * @param pid - The process, this one by default
 */
export function pinProcess(
  taskset: string,
  core: number,
  pid = process.pid,
): void {
  execFileSync(taskset, ['-a', '-cp', String(core), String(pid)], {
    stdio: 'ignore',
  });
}

/**
 * Where the load generator and the servers run
 */
export interface CorePlan {
  /**
   * `taskset`, when the processes are pinned
   */
  taskset?: string;
  /**
   * The core of this process (the load generator)
   */
  clientCore?: number;
  /**
   * The core of the servers
   */
  serverCore?: number;
  /**
   * Why the processes are not pinned, if they are not
   */
  reason?: string;
}

/**
 * Pin this process to one core and plan the servers on another, when
 * `taskset` is available and two cores are allowed
 *
 * @param enabled - Whether to pin at all
 */
export function planCores(enabled: boolean): CorePlan {
  if (!enabled) return {reason: 'disabled (BENCH_PIN=0)'};
  const taskset = findTaskset();
  if (taskset == null) return {reason: 'taskset is not installed'};
  try {
    const cores = allowedCores(taskset);
    if (cores.length < 2) {
      return {reason: `only core ${cores.join(',')} is allowed`};
    }
    const [clientCore, serverCore] = cores;
    pinProcess(taskset, clientCore);
    return {taskset, clientCore, serverCore};
  } catch (error) {
    return {reason: `taskset failed: ${String(error)}`};
  }
}
