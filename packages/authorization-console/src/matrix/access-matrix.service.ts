// Copyright The loopback-security-monorepo authors. License: MIT.

import {RouteAccess} from '@loopback/authorization';
import {Context, inject} from '@loopback/core';
import {RestBindings} from '@loopback/rest';
import {DecidedBy} from '../explain/decided-by';
import {DecisionExplainer} from '../explain/decision-explainer.service';
import {ExplainSubject} from '../explain/explain-context';
import {Explanation} from '../explain/explanation';
import {AuthorizationConsoleBindings, ConsolePeerBindings} from '../keys';
import {ControllerRouteMatch, ServerRoutes} from '../routes/server-routes';
import {ConsoleRule, ResolvedConsoleOptions} from '../types';
import {
  AccessMatrix,
  BUILTIN_COLUMNS,
  MatrixCell,
  MatrixRow,
  worst,
} from './access-matrix';

/**
 * The user id of the callers the matrix supposes: a user with one role
 */
const MATRIX_USER = '(matrix)';

/**
 * Builds the access matrix: every route against every role the application
 * knows, each cell decided by the real pipeline for a caller who holds that
 * role alone (a what-if explanation without an instance)
 */
export class AccessMatrixService {
  /**
   * @param explainer - Explains each cell
   * @param routes - The routes
   * @param options - The console's options
   * @param ctx - The server's context, for the policy and role stores
   */
  constructor(
    @inject(AuthorizationConsoleBindings.EXPLAINER)
    private readonly explainer: DecisionExplainer,
    @inject(AuthorizationConsoleBindings.ROUTES)
    private readonly routes: ServerRoutes,
    @inject(AuthorizationConsoleBindings.OPTIONS)
    private readonly options: ResolvedConsoleOptions,
    @inject(RestBindings.SERVER) private readonly ctx: Context,
  ) {}

  /**
   * The matrix, as it holds now
   */
  async build(): Promise<AccessMatrix> {
    const routes = await this.routes.list();
    const rules = await this.policyRules();
    const named = await this.knownRoles(routes, rules.values());
    const roles = [...BUILTIN_COLUMNS, ...named];
    const rows: MatrixRow[] = [];
    for (const route of routes) {
      rows.push(await this.row(route, roles, rules));
    }
    return {roles, routes: rows};
  }

  private async row(
    route: RouteAccess,
    roles: string[],
    rules: Map<string, Readonly<ConsoleRule>>,
  ): Promise<MatrixRow> {
    const row: MatrixRow = {
      verb: route.verb.toUpperCase(),
      path: route.path,
      access: route.access,
      cells: {},
    };
    if (route.controller !== undefined) row.controller = route.controller;
    if (route.method !== undefined) row.method = route.method;
    // A route allowed to `$everyone` is public, but still decided: its
    // cells are the pipeline's, as for any route with a rule
    if (route.rules === undefined || route.rules.skip) {
      const cell: MatrixCell =
        route.access === 'public'
          ? {access: 'allowed', by: `public (${route.source})`}
          : {access: 'allowed', by: 'unprotected: nothing decides'};
      for (const role of roles) row.cells[role] = cell;
      return row;
    }
    const match = this.routes.match(route.verb, route.path);
    for (const role of roles) {
      row.cells[role] = match
        ? await this.cell(match, role, route, rules)
        : {access: 'error', by: 'the router does not find this route'};
    }
    return row;
  }

  private async cell(
    match: ControllerRouteMatch,
    role: string,
    route: RouteAccess,
    rules: Map<string, Readonly<ConsoleRule>>,
  ): Promise<MatrixCell> {
    const asUser = {user: {id: MATRIX_USER, roles: [] as string[]}};
    switch (role) {
      case '$unauthenticated':
        return this.decide(match, {}, rules);
      case '$authenticated':
        return this.decide(match, asUser, rules);
      case '$everyone':
        return worst(
          await this.decide(match, {}, rules),
          await this.decide(match, asUser, rules),
        );
      case '$owner': {
        const cell = await this.decide(match, asUser, rules);
        if (cell.access === 'denied' && route.rules?.ownership) {
          return {
            access: 'conditional',
            by: 'ownership',
            reason: `the owner of the instance, as ${route.rules.ownership.owner} finds it`,
          };
        }
        return cell;
      }
      default:
        return this.decide(
          match,
          {user: {id: MATRIX_USER, roles: [role]}},
          rules,
        );
    }
  }

  private async decide(
    match: ControllerRouteMatch,
    subject: ExplainSubject,
    rules: Map<string, Readonly<ConsoleRule>>,
  ): Promise<MatrixCell> {
    const explanation = await this.explainer.explainInvocation(
      subject,
      match,
      [],
      {policy: false},
    );
    return cellOf(explanation, rules);
  }

  private async policyRules(): Promise<Map<string, Readonly<ConsoleRule>>> {
    const store = await this.ctx.get(ConsolePeerBindings.POLICY_STORE, {
      optional: true,
    });
    const rules = new Map<string, Readonly<ConsoleRule>>();
    if (!store) return rules;
    try {
      for (const rule of (await store.engine()).rules()) {
        rules.set(rule.id, rule);
      }
    } catch {
      // The cells that need the rules say why they fail
    }
    return rules;
  }

  private async knownRoles(
    routes: RouteAccess[],
    rules: Iterable<Readonly<ConsoleRule>>,
  ): Promise<string[]> {
    const names = new Set<string>(this.options.roles);
    for (const route of routes) {
      for (const r of route.rules?.allowedRoles ?? []) names.add(r);
      for (const r of route.rules?.deniedRoles ?? []) names.add(r);
    }
    for (const rule of rules) {
      for (const subject of rule.subjects) names.add(subject);
    }
    const store = await this.ctx.get(AuthorizationConsoleBindings.ROLE_STORE, {
      optional: true,
    });
    for (const user of (await store?.listUsers()) ?? []) {
      for (const role of user.roles) names.add(role);
    }
    return [...names]
      .filter(name => !name.startsWith('$') && !name.startsWith('principal:'))
      .sort();
  }
}

/**
 * The cell of one explanation
 */
function cellOf(
  explanation: Explanation,
  rules: Map<string, Readonly<ConsoleRule>>,
): MatrixCell {
  const {decidedBy} = explanation;
  const by = describeDecider(decidedBy);
  if (explanation.decision === 'Allow') {
    const rule =
      decidedBy.rule !== undefined ? rules.get(decidedBy.rule) : undefined;
    if (rule?.where) {
      return {
        access: 'conditional',
        by,
        reason: `only the instances where ${JSON.stringify(rule.where)}`,
      };
    }
    return {access: 'allowed', by};
  }
  if ((explanation.status ?? 403) >= 500) {
    return {access: 'error', by, reason: explanation.error?.message};
  }
  return {access: 'denied', by};
}

function describeDecider(decidedBy: DecidedBy): string {
  switch (decidedBy.kind) {
    case 'vote':
      if (decidedBy.rule !== undefined) return `rule ${decidedBy.rule}`;
      return decidedBy.reason
        ? `${decidedBy.voter}: ${decidedBy.reason}`
        : (decidedBy.voter ?? 'a voter');
    case 'default':
      return 'default decision: every voter abstained';
    case 'skipped':
      return 'skipped: no rule applies';
    default:
      return decidedBy.reason ?? decidedBy.kind;
  }
}
