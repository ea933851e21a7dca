// Copyright The loopback-security-monorepo authors. License: MIT.

interface Waiter {
  revision: number;
  resolve(reached: boolean): void;
}

/**
 * The requests waiting for this instance to reach a revision, each with a
 * timeout
 */
export class RevisionWaiters {
  private waiters: Waiter[] = [];

  /**
   * Wait until {@link RevisionWaiters.reached} is called with the revision
   * or a later one
   * @param revision - The revision to wait for
   * @param timeoutMs - The longest wait
   * @returns Whether it was reached in time
   */
  wait(revision: number, timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>(resolve => {
      const waiter: Waiter = {
        revision,
        resolve: reached => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter(w => w !== waiter);
        waiter.resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /**
   * Release the waits for this revision and earlier ones
   * @param revision - The revision now applied
   */
  reached(revision: number): void {
    if (this.waiters.length === 0) return;
    const done = this.waiters.filter(w => w.revision <= revision);
    this.waiters = this.waiters.filter(w => w.revision > revision);
    for (const waiter of done) waiter.resolve(true);
  }
}
