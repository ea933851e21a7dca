// Copyright The loopback-security-monorepo authors. License: MIT.

import {ChildProcess, fork} from 'node:child_process';
import {performance} from 'node:perf_hooks';

/**
 * An application instance running in a child process
 */
export interface TestInstance {
  /**
   * Its base URL, such as `http://127.0.0.1:40123`
   */
  readonly url: string;
  /**
   * The child process
   */
  readonly process: ChildProcess;
}

/**
 * The program of {@link givenRoleApp} instances, for
 * {@link startInstances}
 */
export const ROLE_TEST_APP_MAIN = require.resolve('./role-test-app.main');

/**
 * Write a user's roles through an instance of the role test application,
 * as its `root` administrator, once that instance has applied `minRevision`
 * (the revision that made root an administrator)
 * @param instance - The instance to write through
 * @param user - The user
 * @param roles - The user's new roles
 * @param minRevision - The revision the instance must have applied first
 * @returns The revision of the write
 */
export async function setRolesThrough(
  instance: TestInstance,
  user: string,
  roles: string[],
  minRevision: number,
): Promise<number> {
  const res = await fetch(`${instance.url}/users/${user}/roles`, {
    method: 'PUT',
    headers: {
      'x-user': 'root',
      'content-type': 'application/json',
      'x-authorization-revision': String(minRevision),
    },
    body: JSON.stringify(roles),
  });
  if (res.status !== 200) {
    throw new Error(`PUT /users/${user}/roles answered ${res.status}`);
  }
  return ((await res.json()) as {revision: number}).revision;
}

/**
 * Start instances of an application, each in a process of its own. The
 * program sends `{url}` to its parent once it listens and stops when the
 * parent disconnects, as `role-test-app.main` does.
 * @param count - How many
 * @param env - Their environment, added to this process's
 * @param program - The program, {@link ROLE_TEST_APP_MAIN} by default
 * @param timeoutMs - The longest wait for one to start
 */
export async function startInstances(
  count: number,
  env: Record<string, string>,
  program = ROLE_TEST_APP_MAIN,
  timeoutMs = 30000,
): Promise<TestInstance[]> {
  const started = await Promise.allSettled(
    Array.from({length: count}, () => startOne(program, env, timeoutMs)),
  );
  const instances = started.flatMap(result =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failed = started.find(result => result.status === 'rejected');
  if (failed) {
    await stopInstances(instances);
    throw (failed as PromiseRejectedResult).reason;
  }
  return instances;
}

function startOne(
  program: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<TestInstance> {
  const child = fork(program, [], {
    env: {...process.env, ...env},
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`Instance ${program} did not start: ${why}`));
    };
    const timer = setTimeout(
      () => fail(`no URL in ${timeoutMs} ms`),
      timeoutMs,
    );
    child.once('exit', code => fail(`it exited with ${code}`));
    child.once('message', (message: {url?: string}) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      if (typeof message?.url !== 'string') return fail('no URL sent');
      resolve({url: message.url, process: child});
    });
  });
}

/**
 * Stop instances: disconnect them, then kill those still running after
 * five seconds
 * @param instances - The instances
 */
export async function stopInstances(instances: TestInstance[]): Promise<void> {
  await Promise.all(
    instances.map(({process: child}) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return undefined;
      }
      return new Promise<void>(resolve => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        if (child.connected) child.disconnect();
        else child.kill('SIGTERM');
      });
    }),
  );
}

/**
 * Median, 99th percentile and largest of a list of delays, in milliseconds
 */
export interface DelaySummary {
  /**
   * How many delays
   */
  count: number;
  /**
   * The median
   */
  median: number;
  /**
   * The 99th percentile (nearest rank)
   */
  p99: number;
  /**
   * The largest
   */
  max: number;
}

/**
 * Summarize delays
 * @param delays - The delays, in milliseconds
 */
export function summarizeDelays(delays: readonly number[]): DelaySummary {
  const sorted = [...delays].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return {
    count: sorted.length,
    median: rank(0.5),
    p99: rank(0.99),
    max: sorted[sorted.length - 1],
  };
}

/**
 * Measure how long changes take to be enforced elsewhere: for each change,
 * the time from the start of `write(i)` until `enforced(instance, i)` is true
 * on each of `followers`
 * @param changes - How many changes
 * @param write - Make change `i`
 * @param followers - The instances that must enforce it
 * @param enforced - Whether an instance enforces change `i`
 * @param timeoutMs - The longest wait for one instance, one change
 * @returns One delay per change and follower, in milliseconds
 */
export async function measurePropagation<T>(
  changes: number,
  write: (i: number) => Promise<unknown>,
  followers: readonly T[],
  enforced: (follower: T, i: number) => Promise<boolean>,
  timeoutMs = 5000,
): Promise<number[]> {
  const delays: number[] = [];
  for (let i = 0; i < changes; i++) {
    const start = performance.now();
    await write(i);
    const seen = await Promise.all(
      followers.map(async follower => {
        while (!(await enforced(follower, i))) {
          if (performance.now() - start > timeoutMs) {
            throw new Error(`Change ${i} not enforced within ${timeoutMs} ms`);
          }
        }
        return performance.now() - start;
      }),
    );
    delays.push(...seen);
  }
  return delays;
}
