// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, Context, ValueOrPromise} from '@loopback/core';
import debugFactory from 'debug';
import {
  AuthorizationDecisionRecord,
  DecisionListener,
} from '../contracts/decision-record';
import {valueOf} from '../helpers/bound-value';
import {Deadline, within} from './deadline';
import {describeValue} from '../helpers/describe-value';
import {findTagged} from '../helpers/tagged-bindings';
import {isPromiseLike} from '../helpers/hot-path';

const debug = debugFactory('loopback:authorization:listeners');

/**
 * The decision listener bindings the context of a call sees now; empty when
 * nobody listens, so that no record is built
 * @param ctx - The context of the call
 */
export function findListeners(
  ctx: Context,
): Readonly<Binding<DecisionListener>>[] {
  return findTagged<DecisionListener>(ctx, 'listeners');
}

/**
 * Stage 5, the listeners: give the frozen record of a decision to every
 * listener. Nothing a listener does, throwing or not resolving within the
 * deadline included, reaches the caller or changes the decision; a promise a
 * listener returns is not waited for.
 *
 * @param bindings - The listener bindings, from {@link findListeners}
 * @param ctx - The context of the call
 * @param record - The decision record
 * @param deadline - The deadline of the decision, if any
 */
export function notifyListeners(
  bindings: readonly Readonly<Binding<DecisionListener>>[],
  ctx: Context,
  record: AuthorizationDecisionRecord,
  deadline?: Deadline,
): ValueOrPromise<void> {
  for (let i = 0; i < bindings.length; i++) {
    const binding = bindings[i];
    let listener: unknown;
    try {
      listener = valueOf(binding, ctx);
    } catch (err) {
      report(binding.key, err);
      continue;
    }
    // A listener that resolves later makes the rest wait for it: the turns
    // of the microtask queue are paid only then
    if (isPromiseLike(listener)) {
      return notifyRest(bindings, i, listener, ctx, record, deadline);
    }
    give(binding, listener, record);
  }
}

/**
 * The rest of {@link notifyListeners}, from a listener being resolved
 */
async function notifyRest(
  bindings: readonly Readonly<Binding<DecisionListener>>[],
  from: number,
  pending: PromiseLike<unknown>,
  ctx: Context,
  record: AuthorizationDecisionRecord,
  deadline?: Deadline,
): Promise<void> {
  for (let i = from; i < bindings.length; i++) {
    const binding = bindings[i];
    try {
      const listener: unknown = await within(
        deadline,
        i === from ? pending : valueOf(binding, ctx),
        `resolving decision listener "${binding.key}"`,
      );
      give(binding, listener, record);
    } catch (err) {
      report(binding.key, err);
    }
  }
}

/**
 * Give the record to one listener; what it throws or rejects is reported,
 * never passed on
 */
function give(
  binding: Readonly<Binding<DecisionListener>>,
  listener: unknown,
  record: AuthorizationDecisionRecord,
): void {
  try {
    if (typeof listener !== 'function') {
      throw new TypeError(
        `expected a function, got ${describeValue(listener)}`,
      );
    }
    const done: unknown = listener(record);
    if (isPromiseLike(done)) {
      Promise.resolve(done).catch(err => report(binding.key, err));
    }
  } catch (err) {
    report(binding.key, err);
  }
}

function report(key: string, err: unknown) {
  // A listener must never change a decision; its failure is only reported
  debug('Decision listener %s failed: %s', key, err);
  if (!debug.enabled) {
    console.error(`Authorization decision listener "${key}" failed:`, err);
  }
}
