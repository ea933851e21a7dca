// Copyright The loopback-security-monorepo authors. License: MIT.

// Internal: not exported by the package index.

import {ValueOrPromise} from '@loopback/core';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {isPromiseLike} from '../helpers/hot-path';

/**
 * The `voterTimeout` of one decision: one time limit for every step of it
 * (resolving the user and the bindings, the mappers, the voters, the
 * listeners' bindings), so that no step can hold a call forever.
 */
export class Deadline {
  private readonly expiresAt: number;

  /**
   * @param ms - The time limit, from now
   * @param resource - The method being authorized, for the error
   */
  constructor(
    private readonly ms: number,
    private readonly resource: string,
  ) {
    this.expiresAt = performance.now() + ms;
  }

  /**
   * Wait for a step, but no longer than the time left; a value that is not
   * a promise is returned at once
   * @param pending - The step's value or promise
   * @param step - What the step is, for the error: "voter binding "x""
   */
  wait<T>(pending: ValueOrPromise<T>, step: string): ValueOrPromise<T> {
    if (!isPromiseLike(pending)) return pending;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(this.error(step)),
        Math.max(0, this.expiresAt - performance.now()),
      );
    });
    return Promise.race([Promise.resolve(pending), expired]).finally(() =>
      clearTimeout(timer),
    );
  }

  /**
   * The error of a step that was still pending when time was up; the call
   * is denied with it
   */
  private error(step: string) {
    return createAuthorizationError(
      `Authorization of ${this.resource} did not finish within the ` +
        `${this.ms} ms of voterTimeout: ${step} was still pending`,
      503,
      AuthorizationErrorCode.VOTER_TIMEOUT,
    );
  }
}

/**
 * Wait for a step within a deadline, if there is one
 * @param deadline - The deadline of the decision, if `voterTimeout` is set
 * @param pending - The step's value or promise
 * @param step - What the step is, for the error
 */
export function within<T>(
  deadline: Deadline | undefined,
  pending: ValueOrPromise<T>,
  step: string,
): ValueOrPromise<T> {
  return deadline ? deadline.wait(pending, step) : pending;
}
