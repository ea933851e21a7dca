// Copyright The loopback-security-monorepo authors. License: MIT.

import {RouteRuleDescription} from '../contracts/route-rule-describer';
import {RouteAccess} from './access-report';
import {AuthorizationRules} from './authorization-rules';

/**
 * Render an access report as a Markdown table, one row a route: verb, path,
 * controller method, access, where the rules come from, and the rules; when
 * some route has rules kept as data (`describedRules`), a last column lists
 * them, one a line: effect, id, subjects, condition and fields.
 *
 * @remarks
 * The output depends on the routes and their rules only, so that a
 * committed report changes exactly when who may call what changes.
 *
 * @param report - The routes, from `getAccessReport`
 * @param title - The heading of the document
 */
export function renderAccessReportMarkdown(
  report: readonly RouteAccess[],
  title = 'Access report',
): string {
  const withData = report.some(route => route.describedRules !== undefined);
  const lines = [
    `# ${title}`,
    '',
    '| Verb | Path | Operation | Access | Source | Rules |' +
      (withData ? ' Rules as data |' : ''),
    '| ---- | ---- | --------- | ------ | ------ | ----- |' +
      (withData ? ' ------------- |' : ''),
  ];
  for (const route of report) {
    const operation =
      route.controller !== undefined
        ? `${route.controller}.${route.method}`
        : '';
    const cells = [
      route.verb.toUpperCase(),
      code(route.path),
      operation,
      route.access,
      route.source,
      route.rules ? rulesText(route.rules) : '',
    ].map(escapeCell);
    if (withData) {
      // One rule a line of the cell: a line break is the one HTML element
      // written; the text around it is escaped
      cells.push(
        (route.describedRules ?? [])
          .map(rule => escapeCell(describedRuleText(rule)))
          .join('<br>'),
      );
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The rules in a table cell: `allowedRoles: ADMIN, SUPPORT; ownership: ...`
 */
function rulesText(rules: AuthorizationRules): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(rules)) {
    if (Array.isArray(value)) parts.push(`${name}: ${value.join(', ')}`);
    else if (value === true) parts.push(name);
    else if (typeof value === 'object' && value !== null) {
      const fields = Object.entries(value).map(([k, v]) => `${k} ${v}`);
      parts.push(`${name}: ${fields.join(', ')}`);
    } else parts.push(`${name}: ${String(value)}`);
  }
  return parts.join('; ');
}

/**
 * A rule kept as data, in a line: `allow customers-read-own: CUSTOMER,
 * where {"ownerId":"$user.id"}, fields id, total`
 */
function describedRuleText(rule: RouteRuleDescription): string {
  const parts = [`${rule.effect} ${rule.id}: ${rule.subjects.join(', ')}`];
  parts.push(
    rule.where !== undefined
      ? `where ${JSON.stringify(rule.where)}`
      : 'any instance',
  );
  if (rule.fields !== undefined) parts.push(`fields ${rule.fields.join(', ')}`);
  return parts.join(', ');
}

function code(text: string): string {
  return '`' + text + '`';
}

/**
 * A pipe or a line break would end the cell or the row; `<`, `>` and `&`
 * in data (a rule id, say) would be read as HTML by a Markdown renderer
 */
function escapeCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
