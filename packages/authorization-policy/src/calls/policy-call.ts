// Copyright The loopback-security-monorepo authors. License: MIT.

import {PolicyCaller} from '../types';

/**
 * One method call that names a resource and an action at its door
 */
interface CallFrame {
  readonly resource: string;
  readonly action: string;
}

/**
 * What the policy knows of the method calls of one request: the resource
 * and action each names at its door (`@authorize({resource, action})`),
 * the door decisions that held only on conditions or for some properties,
 * and the instance checks guarded repositories made.
 *
 * @remarks
 * Bound in request scope (`AuthorizationPolicyBindings.CALL`), so that the
 * policy voter, the call interceptor and the guarded repositories of one
 * request share it, and nothing outlives the request:
 * - the interceptor enters and leaves each call, and after a call that
 *   returned asks {@link PolicyCall.unchecked};
 * - the voter says which door decisions were conditional;
 * - a guarded repository asks {@link PolicyCall.actionOf} the action its
 *   writes stand for, and says what it checked;
 * - the caller the voter built at the door is kept for the repositories of
 *   the request, for the same user.
 */
export class PolicyCall {
  private readonly frames: CallFrame[] = [];
  private readonly conditional = new Set<string>();
  private readonly checked = new Set<string>();
  private caller?: {user: unknown; caller: PolicyCaller};

  /**
   * The caller built for this user in this request, if one was
   * @param user - The user of the request, `undefined` when anonymous
   */
  callerOf(user: unknown): PolicyCaller | undefined {
    return this.caller && this.caller.user === user
      ? this.caller.caller
      : undefined;
  }

  /**
   * Keep the caller built for this user, for the rest of the request: the
   * door of the method (the voter) and the rows and fields of its
   * repositories then follow the very same roles, mapped once
   * @param user - The user of the request, `undefined` when anonymous
   * @param caller - The caller
   */
  rememberCaller(user: unknown, caller: PolicyCaller): void {
    this.caller = {user, caller};
  }

  /**
   * A call that names a resource and an action begins
   * @param resource - The resource type of its metadata
   * @param action - The action of its metadata
   * @returns What to give {@link PolicyCall.leave}
   */
  enter(resource: string, action: string): object {
    const frame = Object.freeze({resource, action});
    this.frames.push(frame);
    return frame;
  }

  /**
   * The call begun with `frame` ends
   * @param frame - What {@link PolicyCall.enter} returned
   */
  leave(frame: object): void {
    const at = this.frames.lastIndexOf(frame as CallFrame);
    if (at >= 0) this.frames.splice(at, 1);
  }

  /**
   * The action the innermost call names for a resource, if one does
   * @param resource - The resource type
   */
  actionOf(resource: string): string | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      if (this.frames[i].resource === resource) return this.frames[i].action;
    }
    return undefined;
  }

  /**
   * The door decision of an action held only on conditions or for some
   * properties: the call must reach an instance check of that action
   * @param resource - The resource type
   * @param action - The action
   */
  requireCheck(resource: string, action: string): void {
    this.conditional.add(key(resource, action));
  }

  /**
   * A guarded repository checked instances of the resource for the action
   * @param resource - The resource type
   * @param action - The action
   */
  markChecked(resource: string, action: string): void {
    this.checked.add(key(resource, action));
  }

  /**
   * Whether the door of this action was conditional and no instance check
   * of it was made in this request
   * @param resource - The resource type
   * @param action - The action
   */
  unchecked(resource: string, action: string): boolean {
    const k = key(resource, action);
    return this.conditional.has(k) && !this.checked.has(k);
  }
}

function key(resource: string, action: string): string {
  return JSON.stringify([resource, action]);
}
