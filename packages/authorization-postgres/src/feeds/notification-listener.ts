// Copyright The loopback-security-monorepo authors. License: MIT.

import debugFactory from 'debug';
import {Client, ClientConfig} from 'pg';

const debug = debugFactory('loopback:authorization:postgres:listener');

/**
 * The `application_name` of the LISTEN connection, so that it can be found
 * in `pg_stat_activity`
 */
export const LISTENER_APPLICATION_NAME = 'loopback-authorization-listener';

/**
 * What the listener reports to its owner
 */
export interface NotificationHandlers {
  /**
   * A notification arrived with this revision
   */
  notified(revision: number): void;
  /**
   * The connection is up and listening (again): catch up now
   */
  connected(): void;
  /**
   * The connection failed or was lost
   */
  lost(error: Error): void;
}

/**
 * A dedicated, long-lived connection that LISTENs on one channel and opens
 * itself again when lost, waiting longer after each failure.
 *
 * @remarks
 * A pooled connection cannot LISTEN: the pool hands it to other queries and
 * may close it. Notifications are only a wake-up call; what was missed while
 * the connection was down is read from the change log when it is back.
 */
export class NotificationListener {
  private client?: Client;
  private retryTimer?: NodeJS.Timeout;
  private delayMs: number;
  private stopped = true;

  /**
   * Whether the connection is up and listening
   */
  listening = false;
  /**
   * How often the connection was opened again after it was lost
   */
  reconnects = 0;

  /**
   * @param config - How to connect
   * @param channel - The channel to listen on
   * @param handlers - What to tell the owner
   * @param reconnectDelayMs - The first delay before opening it again
   */
  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly handlers: NotificationHandlers,
    private readonly reconnectDelayMs: number,
  ) {
    this.delayMs = reconnectDelayMs;
  }

  /**
   * Open the connection; a failure is reported and retried, not thrown
   */
  start(): Promise<void> {
    this.stopped = false;
    return this.open(false);
  }

  /**
   * Close the connection and stop retrying
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    await client?.end().catch(() => {});
  }

  private async open(again: boolean): Promise<void> {
    const client = new Client({
      // eslint-disable-next-line @typescript-eslint/naming-convention
      application_name: LISTENER_APPLICATION_NAME,
      ...this.config,
    });
    this.client = client;
    let lost = false;
    const onLost = (error: Error) => {
      if (lost) return;
      lost = true;
      this.dropped(client, error);
    };
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('LISTEN connection ended')));
    client.on('notification', message => {
      if (message.channel !== this.channel) return;
      const revision = Number(message.payload);
      // Only a wake-up call: a payload that is not a revision still wakes
      if (Number.isSafeInteger(revision)) this.handlers.notified(revision);
      else this.handlers.connected();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (this.client !== client || lost) return;
    this.listening = true;
    this.delayMs = this.reconnectDelayMs;
    if (again) this.reconnects++;
    debug('Listening on %s', this.channel);
    this.handlers.connected();
  }

  private dropped(client: Client, error: Error) {
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    if (this.client !== client) return;
    this.client = undefined;
    this.listening = false;
    debug('LISTEN connection lost: %s', error.message);
    this.handlers.lost(error);
    if (this.stopped) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(Math.max(this.delayMs * 2, 1), 2000);
    this.retryTimer = setTimeout(() => {
      if (!this.stopped) this.open(true).catch(() => {});
    }, delay);
    this.retryTimer.unref();
  }
}
