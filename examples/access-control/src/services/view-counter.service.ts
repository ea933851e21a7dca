// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Counts how many times an order was shown, for `GET /number-of-views`.
 *
 * @remarks
 * Bound as a singleton, so the count is shared by every request; it lives in
 * memory and starts again from zero when the application restarts.
 */
export class ViewCounter {
  private count = 0;

  /**
   * Count one view
   * @returns The new total
   */
  increment(): number {
    return ++this.count;
  }

  /**
   * The number of views so far
   */
  get views(): number {
    return this.count;
  }
}
