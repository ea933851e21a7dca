// Copyright The loopback-security-monorepo authors. License: MIT.

import {RouteAccess} from './access-report';
import {AuthorizationRules} from './authorization-rules';

/**
 * Render an access report as a Markdown table, one row a route: verb, path,
 * controller method, access, where the rules come from, and the rules.
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
  const lines = [
    `# ${title}`,
    '',
    '| Verb | Path | Operation | Access | Source | Rules |',
    '| ---- | ---- | --------- | ------ | ------ | ----- |',
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
    ];
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
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

function code(text: string): string {
  return '`' + text + '`';
}

/**
 * A pipe or a line break would end the cell or the row
 */
function escapeCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}
