// Copyright The loopback-security-monorepo authors. License: MIT.

import {StoreChange, StoreSnapshot} from '../stores/store.types';

/**
 * Receives what the change feed reads: the full state once when the feed
 * starts, then each change in revision order
 */
export interface ChangeSubscriber {
  /**
   * Replace everything with a snapshot
   * @param snapshot - The store's content, frozen
   */
  load(snapshot: StoreSnapshot): void;
  /**
   * Apply one change
   * @param change - The change, frozen
   */
  apply(change: StoreChange): void;
}

/**
 * The freshness of an instance: how far behind the store it may be
 */
export interface FeedStatus {
  /**
   * The revision this instance has applied; 0 before the first load
   */
  revision: number;
  /**
   * The highest revision this instance has heard of (notifications
   * included); at least `revision`
   */
  knownRevision: number;
  /**
   * Milliseconds since the instance last confirmed it had everything the
   * store held; `Infinity` before the first load
   */
  lagMs: number;
  /**
   * The staleness bound in milliseconds: past it the instance is stale
   */
  stalenessBoundMs: number;
  /**
   * Whether `lagMs` is past the bound; a stale instance fails closed
   */
  stale: boolean;
  /**
   * Whether the dedicated LISTEN connection is up
   */
  listening: boolean;
  /**
   * How often the LISTEN connection was opened again after it was lost
   */
  reconnects: number;
  /**
   * The last error met reading the store or listening, if any
   */
  lastError?: string;
}
