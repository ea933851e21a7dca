// Copyright The loopback-security-monorepo authors. License: MIT.

// The rule the package's caches must keep: for any sequence of changes made
// through LoopBack's public API, every decision equals the decision of a
// pipeline that resolves everything anew on every call
// (fixtures/reference-pipeline.ts). Generated: voters bound as constants,
// singletons or transient values on the application or a server context,
// tagged at once or later, rebound with `.to()`, unbound; options
// configured, changed with `.to()` or unbound at either level and on the
// request; singletons refreshed after the data they loaded changed; a role
// mapper's table; voters of the request, tagged with an undefined value; and
// calls between the changes, through the server or not, with or without a
// user.
//
// A failure prints the seed and the sequence; rerun it with
// `FC_SEED=<seed> npx mocha dist/__tests__/acceptance/context-changes.acceptance.js`.

import {
  Application,
  Binding,
  BindingScope,
  Context,
  invokeMethod,
} from '@loopback/core';
import {SecurityBindings, securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import fc from 'fast-check';
import {
  AuthorizationBindings,
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationDecisionRecord,
  AuthorizationOptions,
  AuthorizationTags,
  authorize,
  BuiltinAuthorizersComponent,
  RoleMapper,
} from '../..';
import {
  givenAuthorizationApp,
  givenDecisionRecords,
} from '../fixtures/authorization-app';
import {
  propertyParameters,
  runsTitle,
} from '@loopback/authorization-test-fixtures';
import {decideByReference, Outcome} from '../fixtures/reference-pipeline';

const RUNS = 5000;

class Shop {
  @authorize({allowedRoles: ['ADMIN']})
  guarded() {
    return 'ran';
  }

  plain() {
    return 'ran';
  }

  @authorize({voters: ['voters.keyed']})
  keyed() {
    return 'ran';
  }
}

type Level = 'app' | 'server';
type Vote = 'Allow' | 'Deny' | 'Abstain';
type Kind = 'constant' | 'singleton' | 'transient';
type Name = 'a' | 'b' | 'keyed';
type User = 'alice' | 'bob' | undefined;

type Change =
  | {
      op: 'bind';
      level: Level;
      name: Name;
      vote: Vote;
      kind: Kind;
      tagged: boolean;
    }
  | {op: 'rebind'; level: Level; name: Name; vote: Vote}
  | {op: 'tag'; level: Level; name: Name}
  | {op: 'unbind'; level: Level; name: Name}
  | {op: 'configure'; level: Level; options: AuthorizationOptions}
  | {op: 'reconfigure'; level: Level; options: AuthorizationOptions}
  | {op: 'unconfigure'; level: Level}
  | {op: 'world'; name: Name; vote: Vote; refresh: boolean}
  | {op: 'roles'; user: 'alice' | 'bob'; admin: boolean; refresh: boolean}
  | {
      op: 'call';
      method: 'guarded' | 'plain' | 'keyed';
      viaServer: boolean;
      user: User;
      requestVoter?: {vote: Vote; undefinedTag: boolean};
      requestOptions?: AuthorizationOptions;
    };

const level = fc.constantFrom<Level>('app', 'server');
const vote = fc.constantFrom<Vote>('Allow', 'Deny', 'Abstain');
const name = fc.constantFrom<Name>('a', 'b', 'keyed');
const decision = fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny');
const options = fc.record(
  {
    defaultDecision: decision as fc.Arbitrary<AuthorizationDecision>,
    precedence: decision as fc.Arbitrary<AuthorizationDecision>,
    defaultMetadata: fc.constantFrom(
      {allowedRoles: ['ADMIN']},
      {voters: ['voters.keyed']},
      {skip: true},
      {},
    ),
  },
  {requiredKeys: []},
) as fc.Arbitrary<AuthorizationOptions>;

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    op: fc.constant('bind' as const),
    level,
    name,
    vote,
    kind: fc.constantFrom<Kind>('constant', 'singleton', 'transient'),
    tagged: fc.boolean(),
  }),
  fc.record({op: fc.constant('rebind' as const), level, name, vote}),
  fc.record({op: fc.constant('tag' as const), level, name}),
  fc.record({op: fc.constant('unbind' as const), level, name}),
  fc.record({op: fc.constant('configure' as const), level, options}),
  fc.record({op: fc.constant('reconfigure' as const), level, options}),
  fc.record({op: fc.constant('unconfigure' as const), level}),
  fc.record({
    op: fc.constant('world' as const),
    name,
    vote,
    refresh: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('roles' as const),
    user: fc.constantFrom<'alice' | 'bob'>('alice', 'bob'),
    admin: fc.boolean(),
    refresh: fc.boolean(),
  }),
  fc.record(
    {
      op: fc.constant('call' as const),
      method: fc.constantFrom<'guarded' | 'plain' | 'keyed'>(
        'guarded',
        'plain',
        'keyed',
      ),
      viaServer: fc.boolean(),
      user: fc.constantFrom<User>('alice', 'bob', undefined),
      requestVoter: fc.record({vote, undefinedTag: fc.boolean()}),
      requestOptions: options,
    },
    {requiredKeys: ['op', 'method', 'viaServer', 'user']},
  ),
);

/**
 * An application, a server context below it, and the data its singletons
 * load: what each named voter votes now, and who is an admin now
 */
class World {
  readonly app: Application;
  readonly server: Context;
  readonly votes: Record<Name, Vote> = {
    a: 'Abstain',
    b: 'Abstain',
    keyed: 'Abstain',
  };
  readonly admins = new Set<string>(['alice']);
  readonly records: AuthorizationDecisionRecord[];
  private readonly roleTable: Binding;

  constructor(builtin: boolean) {
    this.app = givenAuthorizationApp();
    if (builtin) this.app.component(BuiltinAuthorizersComponent);
    this.server = new Context(this.app, 'server');
    this.server.scope = BindingScope.SERVER;
    const admins = this.admins;
    this.roleTable = this.app
      .bind('roleMappers.table')
      .toDynamicValue(() => {
        const snapshot = new Set(admins);
        const mapper: RoleMapper = principals =>
          principals.some(p => snapshot.has(p.name as string)) ? ['ADMIN'] : [];
        return mapper;
      })
      .inScope(BindingScope.SINGLETON)
      .tag(AuthorizationTags.ROLE_MAPPER);
    this.records = givenDecisionRecords(this.app);
  }

  ctx(at: Level): Context {
    return at === 'app' ? this.app : this.server;
  }

  binding(at: Level, of: Name): Binding | undefined {
    const ctx = this.ctx(at);
    return ctx.contains(`voters.${of}`)
      ? ctx.getBinding(`voters.${of}`)
      : undefined;
  }

  apply(c: Exclude<Change, {op: 'call'}>) {
    switch (c.op) {
      case 'bind': {
        const binding = this.ctx(c.level).bind(`voters.${c.name}`);
        const votes = this.votes;
        if (c.kind === 'constant') binding.to(voter(c.vote));
        else binding.toDynamicValue(() => voter(votes[c.name]));
        if (c.kind === 'singleton') binding.inScope(BindingScope.SINGLETON);
        if (c.tagged) binding.tag(AuthorizationTags.AUTHORIZER);
        return;
      }
      case 'rebind':
        this.binding(c.level, c.name)?.to(voter(c.vote));
        return;
      case 'tag':
        this.binding(c.level, c.name)?.tag(AuthorizationTags.AUTHORIZER);
        return;
      case 'unbind':
        this.ctx(c.level).unbind(`voters.${c.name}`);
        return;
      case 'configure':
        this.ctx(c.level)
          .configure(AuthorizationBindings.COMPONENT)
          .to(c.options);
        return;
      case 'reconfigure': {
        const ctx = this.ctx(c.level);
        const key = `${AuthorizationBindings.COMPONENT.key}:$config`;
        if (ctx.contains(key)) ctx.getBinding(key).to(c.options);
        return;
      }
      case 'unconfigure':
        this.ctx(c.level).unbind(
          `${AuthorizationBindings.COMPONENT.key}:$config`,
        );
        return;
      case 'world':
        this.votes[c.name] = c.vote;
        if (c.refresh) {
          for (const at of ['app', 'server'] as const) {
            this.binding(at, c.name)?.refresh(this.ctx(at));
          }
        }
        return;
      case 'roles':
        if (c.admin) this.admins.add(c.user);
        else this.admins.delete(c.user);
        if (c.refresh) this.roleTable.refresh(this.app);
        return;
    }
  }

  /**
   * One call, decided by the package and by the reference, in the same
   * request context
   */
  async call(c: Extract<Change, {op: 'call'}>) {
    const requestCtx = new Context(
      c.viaServer ? this.server : this.app,
      'request',
    );
    requestCtx.scope = BindingScope.REQUEST;
    if (c.user) {
      requestCtx
        .bind(SecurityBindings.USER)
        .to({[securityId]: c.user, name: c.user});
    }
    if (c.requestVoter) {
      requestCtx
        .bind('voters.request')
        .to(voter(c.requestVoter.vote))
        .tag(
          c.requestVoter.undefinedTag
            ? {[AuthorizationTags.AUTHORIZER]: undefined}
            : AuthorizationTags.AUTHORIZER,
        );
    }
    if (c.requestOptions) {
      requestCtx
        .configure(AuthorizationBindings.COMPONENT)
        .to(c.requestOptions);
    }
    const heard = this.records.length;
    const ours: Outcome = await Promise.resolve()
      .then(() => invokeMethod(new Shop(), c.method, requestCtx))
      .then(
        () => 'allowed' as const,
        () => 'denied' as const,
      );
    const reference = await decideByReference(requestCtx, new Shop(), c.method);
    return {ours, reference, records: this.records.slice(heard)};
  }
}

function voter(decides: Vote) {
  return async (_ctx: AuthorizationContext) => decides as AuthorizationDecision;
}

describe('Decisions under any sequence of context changes', () => {
  it(`equal those of a pipeline that resolves everything on every call ${runsTitle(RUNS)}`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(change, {minLength: 1, maxLength: 14}),
        async (builtin, changes) => {
          const world = new World(builtin);
          for (const c of changes) {
            if (c.op !== 'call') {
              world.apply(c);
              continue;
            }
            const {ours, reference, records} = await world.call(c);
            expect(ours).to.equal(reference);
            // A listener hears a call exactly when there was a decision
            for (const record of records) {
              expect(record.decision === 'Allow').to.equal(ours === 'allowed');
            }
          }
        },
      ),
      propertyParameters(RUNS),
    );
    // FC_RUNS may ask for many more cases than the default
  }).timeout(600000);
});
