// Copyright The loopback-security-monorepo authors. License: MIT.

import {Api, ApiError} from './api.js';
import {el, field, input, replace, select} from './dom.js';
import {DecisionEntry, Page} from './types.js';

const MAX_ROWS = 200;

/**
 * The Decisions page: the recent decisions, then the new ones as they are
 * made (the stream of the decision log), filtered by user, decision and
 * path
 * @param api - The API
 */
export function decisionsPage(api: Api): Page {
  let aborter: AbortController | undefined;
  return {
    title: 'Decisions',
    async show(main) {
      const c = {
        user: input({placeholder: 'id or name'}),
        decision: select([
          ['', 'any'],
          ['Allow', 'Allow'],
          ['Deny', 'Deny'],
        ]),
        path: input({placeholder: '/orders'}),
      };
      const live = el('p', {
        class: 'status',
        attrs: {id: 'live', role: 'status'},
      });
      const body = el('tbody', {attrs: {id: 'decision-rows'}});
      const form = el(
        'form',
        {class: 'card filters', attrs: {'aria-label': 'Filters'}},
        [
          field('filter-user', 'User', c.user),
          field('filter-decision', 'Decision', c.decision),
          field('filter-path', 'Path', c.path),
          el('button', {text: 'Apply', attrs: {type: 'submit'}}),
        ],
      );
      const follow = () => {
        aborter?.abort();
        aborter = new AbortController();
        const query = new URLSearchParams();
        if (c.user.value.trim()) query.set('user', c.user.value.trim());
        if (c.decision.value) query.set('decision', c.decision.value);
        if (c.path.value.trim()) query.set('path', c.path.value.trim());
        const qs = query.toString() ? `?${query}` : '';
        load(api, qs, body, live, aborter.signal).catch((err: Error) => {
          live.textContent = `The decisions could not be read: ${err.message}`;
        });
      };
      form.addEventListener('submit', event => {
        event.preventDefault();
        follow();
      });
      replace(
        main,
        el('h2', {text: 'Decisions'}),
        form,
        live,
        el('div', {class: 'scroll', attrs: {tabindex: '0'}}, [
          el('table', {class: 'decisions'}, [
            el('caption', {text: 'Newest first'}),
            el('thead', {}, [
              el(
                'tr',
                {},
                ['Time', 'User', 'Route', 'Decision', 'Decided by', 'ms'].map(
                  h => el('th', {text: h, attrs: {scope: 'col'}}),
                ),
              ),
            ]),
            body,
          ]),
        ]),
      );
      follow();
    },
    hide() {
      aborter?.abort();
      aborter = undefined;
    },
  };
}

async function load(
  api: Api,
  qs: string,
  body: HTMLElement,
  live: HTMLElement,
  signal: AbortSignal,
): Promise<void> {
  live.textContent = 'Loading…';
  const entries = await api.call<DecisionEntry[]>('GET', `/decisions${qs}`);
  if (signal.aborted) return;
  replace(body, ...entries.map(rowOf));
  for (;;) {
    live.textContent = 'Live: new decisions appear at the top.';
    try {
      await api.stream(
        `/decisions/stream${qs}`,
        event => {
          if (event.event === 'decision') {
            body.prepend(rowOf(JSON.parse(event.data) as DecisionEntry));
            while (body.childElementCount > MAX_ROWS)
              body.lastElementChild?.remove();
          } else if (event.event === 'dropped') {
            live.textContent = `Some decisions were skipped: ${event.data}`;
          } else if (event.event === 'closed') {
            live.textContent = `The server closed the stream (${reasonOf(event.data)}); reconnecting…`;
          }
        },
        signal,
      );
    } catch (err) {
      if (signal.aborted) return;
      if (
        err instanceof ApiError &&
        (err.status === 401 || err.status === 403)
      ) {
        // Signed out, or no longer allowed: trying again would not help
        live.textContent = `The live log stopped: this token may no longer follow it (${err.status}). Sign in again.`;
        return;
      }
      live.textContent = `Disconnected (${(err as Error).message}); trying again…`;
    }
    if (signal.aborted) return;
    await new Promise(resolve => setTimeout(resolve, 2000));
    if (signal.aborted) return;
  }
}

function rowOf(entry: DecisionEntry): HTMLTableRowElement {
  const by = entry.decidedBy;
  const decider =
    by.rule !== undefined
      ? `rule ${by.rule}`
      : (by.voter ?? by.reason ?? by.kind);
  const route = entry.route
    ? `${entry.route.verb} ${entry.route.path}`
    : entry.method;
  return el(
    'tr',
    {
      class: entry.decision === 'Allow' ? 'allowed' : 'denied',
      attrs: {'data-seq': String(entry.seq)},
    },
    [
      el('td', {text: new Date(entry.time).toLocaleTimeString()}),
      el('td', {
        text: entry.user ? (entry.user.name ?? entry.user.id) : 'anonymous',
      }),
      el('td', {}, [el('code', {text: route})]),
      el('td', {text: entry.decision}),
      el('td', {text: decider}),
      el('td', {text: String(entry.durationMs)}),
    ],
  );
}

function reasonOf(data: string): string {
  try {
    const {reason} = JSON.parse(data) as {reason?: unknown};
    return typeof reason === 'string' ? reason : data;
  } catch {
    return data;
  }
}
