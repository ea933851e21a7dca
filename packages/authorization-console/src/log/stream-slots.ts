// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * The places of the clients that follow the decision stream, at most
 * `max` at once.
 *
 * @remarks
 * A place is given back by the function {@link StreamSlots.take} returns,
 * once however many times it is called: a stream's cleanup may run from the
 * response's `close`, from an error and from the code that gave up on it
 * before streaming, and none of them may free a place twice.
 */
export class StreamSlots {
  private taken = 0;

  /**
   * @param max - How many clients may follow at once
   */
  constructor(readonly max: number) {}

  /**
   * How many places are taken
   */
  get count(): number {
    return this.taken;
  }

  /**
   * Take a place
   * @returns The function that gives it back, or `undefined` when every
   * place is taken
   */
  take(): (() => void) | undefined {
    if (this.taken >= this.max) return undefined;
    this.taken++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.taken--;
    };
  }
}
