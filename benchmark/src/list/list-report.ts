// Copyright The loopback-security-monorepo authors. License: MIT.

import {checkTarget, Target} from '../targets';
import type {ListScenarioResult} from './list-pushdown.scenario';

/**
 * The least speed-up of the list filtered in the query over the list
 * filtered in the process
 */
export const LIST_SPEEDUP_LIMIT = 10;

/**
 * The list results: a table of both ways, or why it was skipped
 * @param list - The list results
 */
export function formatList(list: ListScenarioResult): string {
  if ('skipped' in list) {
    return `Policy-filtered list on PostgreSQL: SKIPPED, ${list.skipped}`;
  }
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return [
    '| list of a customer | median | rows returned |',
    '| ------------------ | -----: | ------------: |',
    `| filter pushed into the query (guarded repository \`find\`) | ${ms(list.pushedMs)} | ${list.visible} |`,
    `| every row loaded, \`decide()\` in the process | ${ms(list.inAppMs)} | ${list.visible} |`,
    '',
    `Speed-up ${list.speedup.toFixed(1)}×: ${list.rows.toLocaleString('en-US')} ` +
      `orders on PostgreSQL (${list.server}) through ` +
      '`loopback-connector-postgresql`, of which the customer owns 1% ' +
      '(an index on the owner); the rule `{ownerId: "$user.id"}`; median ' +
      `of ${list.rounds} alternating rounds; both ways return the same rows.`,
  ].join('\n');
}

/**
 * The target of the list scenario, when it ran
 * @param list - The list results
 */
export function listTargets(list: ListScenarioResult | undefined): Target[] {
  if (list == null || 'skipped' in list) return [];
  return [
    checkTarget(
      'list over PostgreSQL: filtered in the process / pushed into the query',
      list.speedup,
      'at least',
      LIST_SPEEDUP_LIMIT,
    ),
  ];
}
