// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Where a bad input was, as the API names it
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * An answer of the API that is not a success
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/**
 * One Server-Sent Event
 */
export interface StreamEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Calls the console's API with the administrator's bearer token. The token
 * stays in this object, in memory: it is gone when the page is closed.
 */
export class Api {
  private token = '';

  /**
   * @param base - The console's path, such as `/authorization`
   */
  constructor(readonly base: string) {}

  /**
   * Use a bearer token for every call
   * @param token - The token
   */
  signIn(token: string): void {
    this.token = token;
  }

  /**
   * Forget the token
   */
  signOut(): void {
    this.token = '';
  }

  /**
   * Call the API; rejects with an {@link ApiError} for any status but 2xx
   * @param method - The HTTP method
   * @param path - The path below the console's path, such as `/matrix`
   * @param body - A JSON body, if any
   */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.fetchJson<T>(method, this.base + path, body);
  }

  /**
   * Call any path of the application, such as its login route
   * @param method - The HTTP method
   * @param url - The path
   * @param body - A JSON body, if any
   */
  async fetchJson<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {Accept: 'application/json'};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = (parsed as {error?: Record<string, unknown>})?.error ?? {};
      const message =
        typeof error.message === 'string' ? error.message : response.statusText;
      const details = Array.isArray(error.details)
        ? (error.details as ErrorDetail[])
        : [];
      throw new ApiError(response.status, message, details);
    }
    return parsed as T;
  }

  /**
   * Follow a stream of Server-Sent Events until it ends or is aborted
   * (`EventSource` cannot send the bearer token, a streamed `fetch` can)
   * @param path - The path below the console's path
   * @param onEvent - Called with each event
   * @param signal - Aborts the stream
   */
  async stream(
    path: string,
    onEvent: (event: StreamEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const response = await fetch(this.base + path, {
      headers: {
        Accept: 'text/event-stream',
        Authorization: `Bearer ${this.token}`,
      },
      credentials: 'omit',
      signal,
    });
    if (!response.ok || !response.body) {
      throw new ApiError(response.status, response.statusText);
    }
    const reader = response.body
      .pipeThrough(new TextDecoderStream())
      .getReader();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = parseEvent(block);
        if (event) onEvent(event);
      }
    }
  }
}

function parseEvent(block: string): StreamEvent | undefined {
  const event: StreamEvent = {event: 'message', data: ''};
  let hasData = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') event.event = value;
    else if (name === 'id') event.id = value;
    else if (name === 'data') {
      event.data += (hasData ? '\n' : '') + value;
      hasData = true;
    }
  }
  return hasData ? event : undefined;
}
