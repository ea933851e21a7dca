// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, Context, isPromiseLike} from '@loopback/core';
import debugFactory from 'debug';
import {AuthorizationTags} from '../keys';
import {AuthorizationDecisionRecord, DecisionListener} from '../extensions';
import {TaggedValues} from './tagged-values.service';

const debug = debugFactory('loopback:authorization:listeners');

/**
 * The decision listeners a call sees, and their notification
 */
export class DecisionListeners {
  private readonly listeners = new TaggedValues<DecisionListener>(
    AuthorizationTags.DECISION_LISTENER,
  );

  /**
   * The listener bindings a call sees; empty when nobody listens, so the
   * caller can skip building a record
   * @param ctx - The context of the call
   */
  bindings(ctx: Context): readonly Readonly<Binding<DecisionListener>>[] {
    return this.listeners.bindings(ctx);
  }

  /**
   * Give a record to every listener. Nothing a listener does, throwing
   * included, reaches the caller.
   * @param bindings - The listener bindings, from {@link DecisionListeners.bindings}
   * @param ctx - The context of the call
   * @param record - The decision record
   */
  async notify(
    bindings: readonly Readonly<Binding<DecisionListener>>[],
    ctx: Context,
    record: AuthorizationDecisionRecord,
  ): Promise<void> {
    for (const binding of bindings) {
      try {
        const listener = await this.listeners.value(binding, ctx);
        const done = listener(record);
        if (isPromiseLike(done)) {
          Promise.resolve(done).catch(err => report(binding.key, err));
        }
      } catch (err) {
        report(binding.key, err);
      }
    }
  }
}

function report(key: string, err: unknown) {
  // A listener must never change a decision; its failure is only reported
  debug('Decision listener %s failed: %s', key, err);
  if (!debug.enabled) {
    console.error(`Authorization decision listener "${key}" failed:`, err);
  }
}
