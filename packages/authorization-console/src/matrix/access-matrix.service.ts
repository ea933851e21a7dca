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
import {TimeSlice} from './time-slice';

/**
 * The user id of the callers the matrix supposes: a user with one role
 */
const MATRIX_USER = '(matrix)';

/**
 * What every cell of a matrix shares: the route, the rules and the time
 * slice of the build
 */
interface CellQuestion {
  match: ControllerRouteMatch;
  rules: Map<string, Readonly<ConsoleRule>>;
  slice: TimeSlice;
}

/**
 * Builds the access matrix: every route against every role the application
 * knows, each cell decided by the real pipeline for a caller who holds that
 * role alone (a what-if explanation without an instance)
 *
 * @remarks
 * A matrix costs one run of the pipeline per cell (two for `$everyone`), so
 * it has at most `matrix.maxRoles` columns, and it gives the event loop back
 * every 10 ms (`TimeSlice`): other requests are served while it is
 * built. Nothing is cached: a cell depends on every voter, mapper, option
 * and store the pipeline reads, which no revision covers, and a matrix
 * must show what holds now.
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
   * @param only - The roles to show, in this order (at most
   * `matrix.maxRoles`, checked by the caller); default: the built-in roles,
   * then the roles the application knows, up to `matrix.maxRoles`
   */
  async build(only?: readonly string[]): Promise<AccessMatrix> {
    const routes = await this.routes.list();
    const rules = await this.policyRules();
    const known = [
      ...BUILTIN_COLUMNS,
      ...(await this.knownRoles(routes, rules.values())),
    ];
    const roles = only
      ? [...only]
      : known.slice(0, this.options.matrixMaxRoles);
    const shown = new Set(roles);
    const slice = new TimeSlice();
    const rows: MatrixRow[] = [];
    for (const route of routes) {
      rows.push(await this.row(route, roles, rules, slice));
    }
    return {
      roles,
      routes: rows,
      omittedRoles: known.filter(role => !shown.has(role)),
    };
  }

  private async row(
    route: RouteAccess,
    roles: string[],
    rules: Map<string, Readonly<ConsoleRule>>,
    slice: TimeSlice,
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
        ? await this.cell({match, rules, slice}, role, route)
        : {access: 'error', by: 'the router does not find this route'};
    }
    return row;
  }

  private async cell(
    at: CellQuestion,
    role: string,
    route: RouteAccess,
  ): Promise<MatrixCell> {
    const asUser = {user: {id: MATRIX_USER, roles: [] as string[]}};
    switch (role) {
      case '$unauthenticated':
        return this.decide(at, {});
      case '$authenticated':
        return this.decide(at, asUser);
      case '$everyone':
        return worst(await this.decide(at, {}), await this.decide(at, asUser));
      case '$owner': {
        const cell = await this.decide(at, asUser);
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
        return this.decide(at, {user: {id: MATRIX_USER, roles: [role]}});
    }
  }

  private async decide(
    {match, rules, slice}: CellQuestion,
    subject: ExplainSubject,
  ): Promise<MatrixCell> {
    await slice.pause();
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
