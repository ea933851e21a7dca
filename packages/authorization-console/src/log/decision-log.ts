// Copyright The loopback-security-monorepo authors. License: MIT.

import type {
  AuthorizationDecisionRecord,
  DecisionListener,
} from '@loopback/authorization';
import debugFactory from 'debug';

const debug = debugFactory('loopback:authorization:console:log');

/**
 * A decision as the log keeps it: the record the pipeline made, when it was
 * made and its number in the log
 */
export interface LoggedDecision {
  /**
   * Its number: 1 for the first decision of the process, then one more for
   * each
   */
  readonly seq: number;
  /**
   * When the listener received it, in milliseconds since the epoch
   */
  readonly time: number;
  /**
   * The frozen record of the decision
   */
  readonly record: AuthorizationDecisionRecord;
}

/**
 * Receives the decisions logged since the previous call, oldest first
 */
export type DecisionSubscriber = (decisions: readonly LoggedDecision[]) => void;

/**
 * The most recent decisions, in a ring of fixed size, and the subscribers
 * that follow new ones.
 *
 * @remarks
 * Recording is on the path of every request, so {@link DecisionLog.listener}
 * only stores the frozen record and the time in the ring: no copy, no
 * formatting, no I/O, no promise. The ring never grows; the oldest decision
 * goes when a new one comes. Subscribers are told on a later turn of the
 * event loop, in one batch per turn, so that a slow subscriber never delays
 * the request that made the decision.
 */
export class DecisionLog {
  private readonly records: (AuthorizationDecisionRecord | undefined)[];
  private readonly times: Float64Array;
  private count = 0;
  private delivered = 0;
  private scheduled = false;
  private isClosed = false;
  private readonly subscribers = new Set<DecisionSubscriber>();
  private readonly closers = new Map<DecisionSubscriber, () => void>();

  /**
   * The decision listener to bind with
   * `AuthorizationTags.DECISION_LISTENER`
   */
  readonly listener: DecisionListener = record => this.add(record);

  /**
   * How many decisions are kept
   */
  readonly capacity: number;

  /**
   * @param capacity - How many decisions are kept
   */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.records = new Array(capacity).fill(undefined);
    this.times = new Float64Array(capacity);
  }

  /**
   * Record a decision
   * @param record - The frozen record
   */
  add(record: AuthorizationDecisionRecord): void {
    const i = this.count % this.capacity;
    this.records[i] = record;
    this.times[i] = Date.now();
    this.count++;
    if (this.subscribers.size > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(this.deliver);
    }
  }

  /**
   * How many decisions were recorded since the process started
   */
  get total(): number {
    return this.count;
  }

  /**
   * The decisions still in the ring, newest first
   * @param after - Only those numbered above it
   */
  recent(after = 0): LoggedDecision[] {
    const result: LoggedDecision[] = [];
    const oldest = Math.max(after, this.count - this.capacity);
    for (let seq = this.count; seq > oldest; seq--) {
      result.push(this.at(seq));
    }
    return result;
  }

  /**
   * Walk the decisions in the ring, newest first, without copying it. The
   * walk may pause between two steps (a caller that gives the event loop
   * back): it starts from the newest at its start, and ends where the ring
   * has overwritten what comes next meanwhile.
   */
  *newestFirst(): IterableIterator<LoggedDecision> {
    for (
      let seq = this.count;
      seq > 0 && seq > this.count - this.capacity;
      seq--
    ) {
      yield this.at(seq);
    }
  }

  /**
   * Follow new decisions
   * @param subscriber - Called with each batch of new decisions
   * @param onClose - Called when the log closes, to end what follows it; at
   * once when it is closed already (the application stops)
   * @returns A function that stops following
   */
  subscribe(subscriber: DecisionSubscriber, onClose?: () => void): () => void {
    if (this.isClosed) {
      // A stream that came while the application stopped: nothing would
      // end it later, and it would hold the server open
      if (onClose) this.runCloser(onClose);
      return () => {};
    }
    if (this.subscribers.size === 0) this.delivered = this.count;
    this.subscribers.add(subscriber);
    if (onClose) this.closers.set(subscriber, onClose);
    return () => {
      this.subscribers.delete(subscriber);
      this.closers.delete(subscriber);
    };
  }

  /**
   * End every subscription (the application stops): each subscriber's
   * `onClose` is called, so that no stream holds the server open. Until
   * {@link DecisionLog.open}, a new subscriber is ended at once; decisions
   * are still recorded.
   */
  close(): void {
    this.isClosed = true;
    const closers = [...this.closers.values()];
    this.subscribers.clear();
    this.closers.clear();
    for (const close of closers) this.runCloser(close);
  }

  /**
   * Take subscribers again (the application starts again after a stop)
   */
  open(): void {
    this.isClosed = false;
  }

  /**
   * Whether the log is closed: the application stops or stopped
   */
  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * How many subscribers follow the log
   */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  private runCloser(close: () => void): void {
    try {
      close();
    } catch (err) {
      debug('Closing a decision subscriber failed: %s', err);
    }
  }

  private at(seq: number): LoggedDecision {
    const i = (seq - 1) % this.capacity;
    return {seq, time: this.times[i], record: this.records[i]!};
  }

  private readonly deliver = () => {
    this.scheduled = false;
    // Those overwritten before this turn are lost to subscribers, as a
    // bounded buffer must lose them
    const batch = this.recent(this.delivered).reverse();
    this.delivered = this.count;
    if (batch.length === 0) return;
    for (const subscriber of [...this.subscribers]) {
      try {
        subscriber(batch);
      } catch (err) {
        // One subscriber's failure must not stop the others
        debug('Decision subscriber failed: %s', err);
      }
    }
  };
}
