// Copyright The loopback-security-monorepo authors. License: MIT.

import debugFactory from 'debug';
import type {ClientConfig} from 'pg';
import {performance} from 'node:perf_hooks';
import {
  createStoreError,
  FreshnessDetails,
  PostgresAuthorizationErrorCode,
} from '../errors';
import {PostgresAuthorizationStore} from '../stores/postgres-authorization.store';
import {checkNumberOption} from '../stores/store-input';
import {StoreChange} from '../stores/store.types';
import {
  ChangeFeedOptions,
  completeChangeFeedOptions,
} from './change-feed.options';
import {ChangeSubscriber, FeedStatus} from './change-feed.types';
import {NotificationListener} from './notification-listener';
import {RevisionWaiters} from './revision-waiters';

const debug = debugFactory('loopback:authorization:postgres:feed');

/**
 * Keeps subscribers up to date with the store: it loads everything once,
 * then applies the changes after its revision, one by one, whenever a
 * notification arrives, the LISTEN connection comes back, or the poll timer
 * fires. A missed notification costs at most one poll interval.
 *
 * @remarks
 * The instance's freshness is the time since it last confirmed it had every
 * change the store held. Past the staleness bound it is stale, and
 * {@link PostgresChangeFeed.checkFresh} throws a 503 error until it has
 * caught up.
 */
export class PostgresChangeFeed {
  /**
   * The store this feed follows
   */
  readonly store: PostgresAuthorizationStore;
  private readonly options: Required<ChangeFeedOptions>;
  private readonly listener: NotificationListener;
  private readonly subscribers = new Set<ChangeSubscriber>();
  private readonly waiters = new RevisionWaiters();
  // Reads of the store run one at a time: two at once could apply an older
  // batch after a newer one
  private reading: Promise<void> = Promise.resolve();
  private revision = 0;
  private knownRevision = 0;
  private loaded = false;
  private reloadNeeded = true;
  private syncedAt = -Infinity;
  private lastError?: string;
  private syncing?: Promise<void>;
  private syncAgain = false;
  private pollTimer?: NodeJS.Timeout;
  private running = false;

  /**
   * @param store - The store to follow
   * @param listenConfig - How to open the dedicated LISTEN connection
   * @param options - Intervals and bounds; see {@link ChangeFeedOptions}
   */
  constructor(
    store: PostgresAuthorizationStore,
    listenConfig: ClientConfig,
    options?: ChangeFeedOptions,
  ) {
    this.store = store;
    this.options = completeChangeFeedOptions(options);
    this.listener = new NotificationListener(
      listenConfig,
      store.channel,
      {
        notified: revision => {
          this.knownRevision = Math.max(this.knownRevision, revision);
          if (revision > this.revision) this.wake();
        },
        connected: () => this.wake(),
        lost: error => (this.lastError = error.message),
      },
      this.options.reconnectDelayMs,
    );
  }

  /**
   * Add a subscriber. One added after the feed started gets everything
   * again with the next read, as all the others do.
   * @param subscriber - Receives the snapshot, then each change
   * @returns A function that removes the subscriber
   */
  subscribe(subscriber: ChangeSubscriber): () => void {
    this.subscribers.add(subscriber);
    // It has missed what the others loaded: everyone loads again
    if (this.loaded) this.reloadNeeded = true;
    if (this.running) this.wake();
    return () => this.subscribers.delete(subscriber);
  }

  /**
   * Load everything, then listen and poll. Rejects when the store cannot be
   * read at all; later failures are retried and show as staleness.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.exclusive(() => this.catchUp());
    } catch (err) {
      this.running = false;
      throw err;
    }
    this.pollTimer = setInterval(
      () => this.wake(),
      this.options.pollIntervalMs,
    );
    this.pollTimer.unref();
    await this.listener.start();
  }

  /**
   * Stop listening and polling; pending waits end as timed out
   */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.pollTimer);
    await this.listener.stop();
    await this.syncing;
  }

  /**
   * Read the changes after this instance's revision now. Calls made while a
   * read is running are merged into one more read after it.
   */
  sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    const run = async () => {
      do {
        this.syncAgain = false;
        try {
          await this.exclusive(() => this.catchUp());
        } catch (err) {
          this.lastError = (err as Error).message;
          debug('Reading the store failed: %s', this.lastError);
        }
      } while (this.syncAgain && this.running);
      // Cleared in the same step as the last check of `syncAgain`: a wake-up
      // between the two would otherwise be lost until the next poll
      this.syncing = undefined;
    };
    this.syncing = run();
    return this.syncing;
  }

  private exclusive(read: () => Promise<void>): Promise<void> {
    const result = this.reading.then(read);
    this.reading = result.catch(() => {});
    return result;
  }

  /**
   * Start a read without waiting for it; it reports its own failures
   */
  private wake(): void {
    this.sync().catch(() => {});
  }

  /**
   * Wait until this instance has applied a revision (read-your-writes)
   * @param revision - The revision a write answered with
   * @param timeoutMs - The longest wait
   * @returns Whether the revision was reached in time
   */
  async waitForRevision(revision: number, timeoutMs: number): Promise<boolean> {
    checkNumberOption('revision wait', 'revision', revision, 0, true);
    checkNumberOption('revision wait', 'timeoutMs', timeoutMs, 0);
    if (this.loaded && this.revision >= revision) return true;
    const reached = this.waiters.wait(revision, timeoutMs);
    // The notification may not have arrived yet: read now
    this.wake();
    return reached;
  }

  /**
   * Wait for a revision, or throw a 503 error that says how far behind
   * this instance is
   * @param revision - The revision a write answered with
   * @param timeoutMs - The longest wait
   */
  async requireRevision(revision: number, timeoutMs: number): Promise<void> {
    if (await this.waitForRevision(revision, timeoutMs)) return;
    throw createStoreError(
      `Authorization data at revision ${revision} not reached within ` +
        `${timeoutMs} ms (this instance is at ${this.revision})`,
      503,
      PostgresAuthorizationErrorCode.REVISION_TIMEOUT,
      this.freshness(revision),
    );
  }

  /**
   * Throw a 503 error when this instance is stale: it has not confirmed it
   * is up to date within the staleness bound
   */
  checkFresh(): void {
    const lagMs = this.lagMs();
    if (lagMs <= this.options.stalenessBoundMs) return;
    throw createStoreError(
      `Authorization data is stale: last confirmed up to date ` +
        `${Number.isFinite(lagMs) ? `${Math.round(lagMs)} ms ago` : 'never'}, ` +
        `past the bound of ${this.options.stalenessBoundMs} ms`,
      503,
      PostgresAuthorizationErrorCode.STALE,
      this.freshness(),
    );
  }

  /**
   * The freshness of this instance, for a health endpoint
   */
  status(): FeedStatus {
    const lagMs = this.lagMs();
    return {
      revision: this.revision,
      knownRevision: Math.max(this.knownRevision, this.revision),
      lagMs,
      stalenessBoundMs: this.options.stalenessBoundMs,
      stale: lagMs > this.options.stalenessBoundMs,
      listening: this.listener.listening,
      reconnects: this.listener.reconnects,
      ...(this.lastError !== undefined && {lastError: this.lastError}),
    };
  }

  private lagMs() {
    return performance.now() - this.syncedAt;
  }

  private freshness(requiredRevision?: number): FreshnessDetails {
    return {
      revision: this.revision,
      lagMs: this.lagMs(),
      stalenessBoundMs: this.options.stalenessBoundMs,
      ...(requiredRevision !== undefined && {requiredRevision}),
    };
  }

  /**
   * Bring the subscribers to the store's latest revision: a full load the
   * first time (or after a subscriber failed), then the changes in batches
   */
  private async catchUp(): Promise<void> {
    for (;;) {
      if (this.reloadNeeded) await this.reload();
      const startedAt = performance.now();
      const {changes, prunedThrough} = await this.store.changesAfter(
        this.revision,
        this.options.batchSize,
      );
      if (prunedThrough > this.revision) {
        // Changes this instance needs were pruned: start from a snapshot
        this.reloadNeeded = true;
        continue;
      }
      this.applyAll(changes);
      // A subscriber failed: not confirmed up to date; the next read loads
      // everything again
      if (this.reloadNeeded) return;
      const revisions = new Set(changes.map(change => change.revision)).size;
      if (revisions < this.options.batchSize) {
        // Everything committed before this read started is applied
        this.syncedAt = startedAt;
        this.lastError = undefined;
        break;
      }
    }
    this.knownRevision = Math.max(this.knownRevision, this.revision);
    this.waiters.reached(this.revision);
  }

  private async reload() {
    const startedAt = performance.now();
    const snapshot = await this.store.snapshot();
    this.reloadNeeded = false;
    for (const subscriber of this.subscribers) {
      this.deliver(subscriber, s => s.load(snapshot));
    }
    this.revision = snapshot.revision;
    // A subscriber that failed to load holds no known state: the instance
    // is not up to date, and the staleness bound runs on until a load works
    if (this.reloadNeeded) return;
    this.loaded = true;
    this.syncedAt = startedAt;
  }

  private applyAll(changes: StoreChange[]) {
    for (const change of changes) {
      for (const subscriber of this.subscribers) {
        this.deliver(subscriber, s => s.apply(change));
      }
      this.revision = change.revision;
    }
    if (changes.length > 0) {
      debug('Applied changes up to revision %d', this.revision);
    }
  }

  /**
   * A subscriber that throws may have lost a change: everything is loaded
   * again on the next read, so that it cannot keep a wrong state
   */
  private deliver(
    subscriber: ChangeSubscriber,
    call: (subscriber: ChangeSubscriber) => void,
  ) {
    try {
      call(subscriber);
    } catch (err) {
      this.lastError = `A subscriber failed: ${(err as Error).message}`;
      this.reloadNeeded = true;
    }
  }
}
