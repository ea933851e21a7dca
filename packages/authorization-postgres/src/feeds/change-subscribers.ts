// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingTemplate, ContextView} from '@loopback/core';
import debugFactory from 'debug';
import {PostgresAuthorizationTags} from '../keys';
import {ChangeSubscriber} from './change-feed.types';
import type {PostgresChangeFeed} from './postgres-change-feed';

const debug = debugFactory('loopback:authorization:postgres:feed');

/**
 * Joins a binding to the subscribers of the change feed: its value, a
 * {@link ChangeSubscriber}, gets everything the store holds once, then each
 * change. The role assignments, the revoked principals and the rules of the
 * policy package join the feed this way, and so can an application's own.
 *
 * @example
 * ```ts
 * app.bind('subscribers.audit').toClass(AuditTrail).apply(asChangeSubscriber);
 * ```
 */
export const asChangeSubscriber: BindingTemplate = binding => {
  binding.tag(PostgresAuthorizationTags.CHANGE_SUBSCRIBER);
};

/**
 * Subscribe a feed to the values of a view, and follow the view: a
 * subscriber bound later joins (and loads everything with the feed's next
 * read), one unbound leaves.
 *
 * @remarks
 * Resolving a subscriber bound later can fail only after the application
 * started; it then stays out, and what reads it answers 503 (nothing loaded)
 * rather than from no data.
 *
 * @param feed - The feed
 * @param view - The bindings tagged as change subscribers
 */
export async function followChangeSubscribers(
  feed: Pick<PostgresChangeFeed, 'subscribe'>,
  view: ContextView<ChangeSubscriber>,
): Promise<void> {
  const subscribed = new Map<ChangeSubscriber, () => void>();
  const update = async () => {
    const current = new Set(await view.values());
    for (const subscriber of current) {
      if (!subscribed.has(subscriber)) {
        subscribed.set(subscriber, feed.subscribe(subscriber));
      }
    }
    for (const [subscriber, unsubscribe] of subscribed) {
      if (!current.has(subscriber)) {
        unsubscribe();
        subscribed.delete(subscriber);
      }
    }
  };
  await update();
  view.on('refresh', () => {
    update().catch(err =>
      debug('A change subscriber cannot be resolved: %s', err),
    );
  });
}
