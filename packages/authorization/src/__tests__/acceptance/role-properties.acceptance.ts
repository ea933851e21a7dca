// Copyright The loopback-security-monorepo authors. License: MIT.

// Property-based test of the built-in role authorizer, through the whole
// pipeline with `BuiltinAuthorizersComponent`: generated allowed and denied
// roles (named roles, names such as `toString` and `__proto__`, and the
// built-in roles), generated callers (none, or a profile with `roles` and
// `role`, which may claim built-in role names) and a generated acyclic role
// hierarchy, compared with the reference model of the README's rule in
// fixtures/reference-models.ts.
//
// Rerun a failure with `FC_SEED=<seed>`; change the number of cases with
// `FC_RUNS`.

import {Application, Context, invokeMethod} from '@loopback/core';
import {SecurityBindings, securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import fc from 'fast-check';
import {
  AuthorizationBindings,
  AuthorizationComponent,
  AuthorizationDecisionRecord,
  AuthorizationMetadata,
  authorize,
  BuiltinAuthorizersComponent,
} from '../..';
import {givenDecisionRecords} from '../fixtures/authorization-app';
import {
  propertyParameters,
  runsTitle,
} from '@loopback/authorization-test-fixtures';
import {
  BUILTIN_ROLES,
  expandByModel,
  ModelDecision,
  roleVoteByModel,
} from '../fixtures/reference-models';

/**
 * Named roles, including names that an object lookup would find on
 * `Object.prototype`
 */
const NAMED_ROLES = [
  'ADMIN',
  'EDITOR',
  'VIEWER',
  'GUEST',
  'toString',
  '__proto__',
  'hasOwnProperty',
] as const;
const ALL_ROLES: readonly string[] = [...NAMED_ROLES, ...BUILTIN_ROLES];

interface RoleScenario {
  allowedRoles?: string[];
  deniedRoles?: string[];
  placement: 'method' | 'class' | 'defaultMetadata';
  /**
   * `undefined`: no user
   */
  user?: {roles?: string[]; role?: string};
  /**
   * For each named role, the roles it includes (an acyclic graph); built-in
   * names may be included but grant nothing
   */
  hierarchy?: [string, string[]][];
  precedence?: ModelDecision;
  defaultDecision?: ModelDecision;
}

/**
 * An acyclic hierarchy: the named roles in a random order, each including
 * only roles after it (named or built-in), with one chance in four per pair
 */
const hierarchyArb: fc.Arbitrary<[string, string[]][]> = fc
  .tuple(
    fc.shuffledSubarray([...NAMED_ROLES], {
      minLength: NAMED_ROLES.length,
      maxLength: NAMED_ROLES.length,
    }),
    fc.array(fc.nat(3), {minLength: 64, maxLength: 64}),
  )
  .map(([order, dice]) => {
    const nodes = [...order, ...BUILTIN_ROLES];
    let die = 0;
    return order.map((role, i): [string, string[]] => [
      role,
      nodes.slice(i + 1).filter(() => dice[die++ % dice.length] === 0),
    ]);
  });

const rolesArb = fc.shuffledSubarray([...ALL_ROLES], {maxLength: 5});

const roleScenarioArb: fc.Arbitrary<RoleScenario> = fc.record(
  {
    allowedRoles: rolesArb,
    deniedRoles: rolesArb,
    placement: fc.constantFrom(
      'method' as const,
      'class' as const,
      'defaultMetadata' as const,
    ),
    user: fc.record(
      {roles: rolesArb, role: fc.constantFrom(...ALL_ROLES)},
      {requiredKeys: []},
    ),
    hierarchy: hierarchyArb,
    precedence: fc.constantFrom<ModelDecision>('Allow', 'Deny'),
    defaultDecision: fc.constantFrom<ModelDecision>('Allow', 'Deny'),
  },
  {requiredKeys: ['placement']},
);

/**
 * A plain object of the hierarchy; `__proto__` must be an own key, not the
 * prototype
 */
function hierarchySpec(pairs: [string, string[]][]): Record<string, string[]> {
  const spec: Record<string, string[]> = {};
  for (const [role, includes] of pairs) {
    Object.defineProperty(spec, role, {
      value: includes,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return spec;
}

function profileRoles(user: NonNullable<RoleScenario['user']>): string[] {
  return [...(user.roles ?? []), ...(user.role ? [user.role] : [])];
}

interface RoleRun {
  allowed: boolean;
  error?: {message?: string; statusCode?: number; code?: string};
  records: AuthorizationDecisionRecord[];
}

async function runRoleScenario(s: RoleScenario): Promise<RoleRun> {
  const app = new Application();
  app.component(AuthorizationComponent);
  app.component(BuiltinAuthorizersComponent);
  const records = givenDecisionRecords(app, 'test.listener');

  const metadata: AuthorizationMetadata = {};
  if (s.allowedRoles) metadata.allowedRoles = s.allowedRoles;
  if (s.deniedRoles) metadata.deniedRoles = s.deniedRoles;

  class Generated {
    body() {
      return 'the body ran';
    }
  }
  if (s.placement === 'method') {
    authorize(metadata)(
      Generated.prototype,
      'body',
      Object.getOwnPropertyDescriptor(Generated.prototype, 'body')!,
    );
  }
  if (s.placement === 'class') authorize(metadata)(Generated);

  app.configure(AuthorizationBindings.COMPONENT).to({
    precedence: s.precedence,
    defaultDecision: s.defaultDecision,
    defaultMetadata: s.placement === 'defaultMetadata' ? metadata : undefined,
    roleHierarchy: s.hierarchy ? hierarchySpec(s.hierarchy) : undefined,
  });

  const requestCtx = new Context(app, 'request');
  if (s.user) {
    const profile: Record<string | symbol, unknown> = {[securityId]: 'caller'};
    if (s.user.roles) profile.roles = s.user.roles;
    if (s.user.role) profile.role = s.user.role;
    requestCtx.bind(SecurityBindings.USER).to(profile as never);
  }
  try {
    const result = await invokeMethod(new Generated(), 'body', requestCtx);
    expect(result).to.equal('the body ran');
    return {allowed: true, records};
  } catch (error) {
    return {allowed: false, error: error as RoleRun['error'], records};
  }
}

describe('Role properties (built-in role authorizer, generated calls)', () => {
  const RUNS = 2000;
  it(`decides as the reference model of the most-specific-match rule ${runsTitle(RUNS)}`, async () => {
    await fc.assert(
      fc.asyncProperty(roleScenarioArb, async s => {
        const run = await runRoleScenario(s);
        const includes = new Map(s.hierarchy ?? []);
        const roles = s.user
          ? expandByModel(profileRoles(s.user), includes)
          : new Set<string>();
        const vote = roleVoteByModel(s, {
          authenticated: s.user !== undefined,
          roles,
        });
        const expected =
          vote === 'Abstain' ? (s.defaultDecision ?? 'Deny') : vote;
        expect(run.allowed).to.equal(expected === 'Allow');
        if (!run.allowed) {
          expect(run.error).to.containDeep({
            message: 'Access denied',
            statusCode: 403,
          });
          expect(run.error?.code).to.be.undefined();
        }
        // The roles voters saw: the profile's, expanded by the hierarchy
        expect(run.records).to.have.length(1);
        expect([...run.records[0].roles].sort()).to.eql([...roles].sort());
        expect(run.records[0].decision).to.equal(expected);
      }),
      propertyParameters(RUNS),
    );
  });

  const CLAIM_RUNS = 300;
  it(`lets no profile claim a built-in role it does not hold ${runsTitle(CLAIM_RUNS)}`, async () => {
    // A profile listing `$unauthenticated` or `$anonymous` is still an
    // authenticated caller, and an anonymous caller never matches
    // `$authenticated`
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('$unauthenticated', '$anonymous'),
        fc.shuffledSubarray([...ALL_ROLES]),
        fc.constantFrom<ModelDecision | undefined>('Allow', 'Deny', undefined),
        async (builtin, claimed, precedence) => {
          const asUser = await runRoleScenario({
            allowedRoles: [builtin],
            placement: 'method',
            user: {roles: [...claimed, builtin]},
            precedence,
          });
          expect(asUser.allowed).to.be.false();
          const anonymous = await runRoleScenario({
            allowedRoles: ['$authenticated', ...NAMED_ROLES],
            placement: 'method',
            precedence,
          });
          expect(anonymous.allowed).to.be.false();
        },
      ),
      propertyParameters(CLAIM_RUNS),
    );
  });
});
