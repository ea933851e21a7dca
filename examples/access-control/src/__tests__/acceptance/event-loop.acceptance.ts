// Copyright The loopback-security-monorepo authors. License: MIT.

// The cost of a request is bounded by the data, never by the pattern a
// caller chooses: with 10,000 orders in memory, no filter a caller may send
// holds the event loop much longer (at most twice) than the plain list of
// every order does.

import {expect} from '@loopback/testlab';
import {CALLER_CONDITION_LIMITS as CONDITION_LIMITS} from '@loopback/authorization-policy';
import {AccessControlBindings} from '../../keys';
import {authHeader, CallerName} from '../fixtures/callers';
import {givenRunningShop} from '../fixtures/running-app';

const ROWS = 10000;

/**
 * Filters that cost the most the checks let through, and some they refuse
 */
const HEAVY_FILTERS: [string, object][] = [
  [
    'the most comparisons',
    {
      where: {
        and: Array.from({length: CONDITION_LIMITS.comparisons}, (_, i) => ({
          description: {neq: `x${i}`.repeat(50)},
        })),
      },
    },
  ],
  [
    'the most values in lists',
    {
      where: {
        or: [0, 1].map(k => ({
          description: {
            nin: Array.from(
              {length: CONDITION_LIMITS.listLength},
              (_, i) => `v${k}-${i}`,
            ),
          },
        })),
      },
    },
  ],
  ['the deepest condition', {where: deepest()}],
  [
    'the longest order',
    {
      order: Array.from({length: 4}, (_, i) =>
        i % 2 ? 'total DESC' : 'description ASC',
      ),
      limit: 10,
    },
  ],
  ['a pattern that backtracks', {where: {description: {regexp: '^(a+)+$'}}}],
  ['a like that backtracks', {where: {description: {like: '%a%a%a%a%a%b'}}}],
];

describe('The event loop: the cost of a request is bounded by the data', () => {
  const shop = givenRunningShop();

  async function givenOrders() {
    const orders = await shop.app.get(AccessControlBindings.ORDER_REPOSITORY);
    const owners = [shop.callers.alice.id, shop.callers.bob.id];
    await orders.createAll(
      Array.from({length: ROWS}, (_, i) => ({
        ownerId: owners[i % 2],
        description: 'a'.repeat(28),
        total: i % 100,
        status: 'placed',
        internalNote: i % 3 ? undefined : 'note',
      })),
    );
  }

  it(`holds the loop at most twice as long as the plain list of ${ROWS} orders, whatever the filter (median of 5)`, async () => {
    await givenOrders();
    // Each heavy request is timed between two plain lists, so that a change
    // of the machine's load meanwhile weighs on both alike
    const tooLong: string[] = [];
    for (const [what, filter] of HEAVY_FILTERS) {
      for (const caller of ['service', 'alice'] as const) {
        const ratios: number[] = [];
        for (let i = 0; i < 5; i++) {
          const before = await longestHold('service', {});
          const held = await longestHold(caller, filter);
          const after = await longestHold('service', {});
          ratios.push(held / ((before + after) / 2));
        }
        const ratio = median(ratios);
        if (ratio > 2) {
          tooLong.push(`${what} as ${caller}: ${ratio.toFixed(2)} times`);
        }
      }
    }
    expect(tooLong).to.deepEqual([]);
  }).timeout(300000);

  /**
   * The longest time the event loop was held while the server answered a
   * request
   */
  async function longestHold(caller: CallerName, filter: object) {
    const path = `/orders?filter=${encodeURIComponent(JSON.stringify(filter))}`;
    return whileTicking(() =>
      shop.client.get(path).set(authHeader(shop.callers[caller])),
    );
  }
});

/**
 * Run `work` while a timer ticks every millisecond, and answer the longest
 * gap between two ticks: how long the loop was held at most
 */
async function whileTicking(work: () => PromiseLike<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return longest;
}

/**
 * A condition nested as deep as the checks allow, an or at each level
 */
function deepest(): object {
  let where: object = {total: {inq: [1, 2, 3]}};
  for (let i = 0; i < CONDITION_LIMITS.depth; i++) {
    where = {or: [where, {description: {neq: `d${i}`}}, {total: {lt: -i}}]};
  }
  return where;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
