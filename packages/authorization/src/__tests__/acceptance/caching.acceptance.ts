// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Application,
  BindingKey,
  BindingScope,
  Context,
  inject,
  invokeMethod,
  Provider,
} from '@loopback/core';
import {SecurityBindings, securityId, UserProfile} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  AuthorizationBindings,
  AuthorizationComponent,
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationOptions,
  AuthorizationTags,
  authorize,
  Authorizer,
  BuiltinAuthorizersComponent,
  DecisionListener,
  RoleMapper,
} from '../..';
import {ALLOW, DENY, ABSTAIN} from '../fixtures/decisions';

/**
 * The interceptor keeps its options, its authorizers and the metadata of each
 * method between calls. These tests change each of them between two calls,
 * synchronously, and check that the very next call sees the change, and that
 * what belongs to one call never leaks into another.
 */
describe('The caches of the authorization interceptor', () => {
  let app: Application;
  let asked: string[];

  beforeEach(givenApplication);

  class AdminDesk {
    @authorize({allowedRoles: ['ADMIN']})
    open() {
      return 'Hello, world';
    }
  }

  class Greeter {
    @authorize({resource: 'greeting'})
    greet(name = 'world') {
      return `Hello, ${name}`;
    }
  }

  describe('tagged authorizers', () => {
    it('asks an authorizer bound after the first call on the very next one', async () => {
      bindVoter('first', ABSTAIN);
      expect(await call()).to.equal('denied');
      bindVoter('late', ALLOW);
      expect(await call()).to.equal('allowed');
      expect(asked).to.eql(['first', 'first', 'late']);
    });

    it('does not ask an authorizer unbound after a call', async () => {
      bindVoter('allow', ALLOW);
      bindVoter('deny', DENY);
      expect(await call()).to.equal('denied');
      app.unbind('voters.deny');
      expect(await call()).to.equal('allowed');
      expect(asked).to.eql(['allow', 'deny', 'allow']);
    });

    it('asks a binding tagged as an authorizer only after a call', async () => {
      bindVoter('first', ABSTAIN);
      const late = app.bind('voters.late').to(voter('late', ALLOW));
      expect(await call()).to.equal('denied');
      late.tag(AuthorizationTags.AUTHORIZER);
      expect(await call()).to.equal('allowed');
      expect(asked).to.eql(['first', 'first', 'late']);
    });

    it('uses the new value of an authorizer binding changed with .to()', async () => {
      const binding = bindVoter('old', DENY);
      expect(await call()).to.equal('denied');
      binding.to(voter('new', ALLOW));
      expect(await call()).to.equal('allowed');
      binding.to(voter('newer', DENY));
      expect(await call()).to.equal('denied');
      expect(asked).to.eql(['old', 'new', 'newer']);
    });

    it('sees an application authorizer bound after a call made through a server context', async () => {
      const server = new Context(app, 'server');
      server.scope = BindingScope.SERVER;
      server
        .bind('voters.server')
        .to(voter('server', ABSTAIN))
        .tag(AuthorizationTags.AUTHORIZER);
      expect(await call({parent: server})).to.equal('denied');
      bindVoter('app', ALLOW);
      expect(await call({parent: server})).to.equal('allowed');
      expect(asked).to.eql(['server', 'server', 'app']);
    });
  });

  describe('options', () => {
    it('applies a precedence configured again with app.configure() on the next call', async () => {
      bindVoter('allow', ALLOW);
      bindVoter('deny', DENY);
      expect(await call()).to.equal('denied');
      configureAuthorization({precedence: ALLOW});
      expect(await call()).to.equal('allowed');
      configureAuthorization({precedence: DENY});
      expect(await call()).to.equal('denied');
      expect(asked).to.eql(['allow', 'deny', 'allow', 'allow', 'deny']);
    });

    it('applies a defaultDecision changed with .to() on the same config binding', async () => {
      bindVoter('abstain', ABSTAIN);
      const config = configureAuthorization({defaultDecision: DENY});
      expect(await call()).to.equal('denied');
      config.to({defaultDecision: ALLOW});
      expect(await call()).to.equal('allowed');
      config.to({defaultDecision: DENY});
      expect(await call()).to.equal('denied');
      config.to({defaultDecision: ALLOW, precedence: ALLOW});
      expect(await call()).to.equal('allowed');
    });

    it('goes back to the defaults when the configuration is unbound', async () => {
      bindVoter('abstain', ABSTAIN);
      const config = configureAuthorization({defaultDecision: ALLOW});
      expect(await call()).to.equal('allowed');
      app.unbind(config.key);
      expect(await call()).to.equal('denied');
    });
  });

  describe('options configured below the application (review finding 1)', () => {
    class Undecorated {
      hello() {
        return 'Hello, world';
      }
    }

    it('enforces a defaultMetadata configured on the server context', async () => {
      const server = givenServer();
      configureAuthorization(
        {defaultMetadata: {voters: [voter('server default', DENY)]}},
        server,
      );
      expect(
        await call({
          parent: server,
          target: new Undecorated(),
          method: 'hello',
        }),
      ).to.equal('denied');
      // The application's own calls keep the application's options
      expect(await call({target: new Undecorated(), method: 'hello'})).to.equal(
        'allowed',
      );
      expect(asked).to.eql(['server default']);
    });

    it('enforces options configured on a request context, for that request only', async () => {
      bindVoter('abstain', ABSTAIN);
      configureAuthorization({defaultDecision: ALLOW});
      const strict = (ctx: Context) =>
        configureAuthorization({defaultDecision: DENY}, ctx);
      expect(await call({setup: strict})).to.equal('denied');
      expect(await call()).to.equal('allowed');
    });

    it('lets a server configuration hide the application one, and follows its unbinding', async () => {
      bindVoter('abstain', ABSTAIN);
      configureAuthorization({defaultDecision: ALLOW});
      const server = givenServer();
      const config = configureAuthorization({defaultDecision: DENY}, server);
      expect(await call({parent: server})).to.equal('denied');
      server.unbind(config.key);
      expect(await call({parent: server})).to.equal('allowed');
    });
  });

  describe('binding.refresh() (review finding 2)', () => {
    it('asks a refreshed singleton voter for its new answer', async () => {
      const suspended = new Set<string>();
      let loaded = 0;
      const binding = app
        .bind('voters.suspensions')
        .toDynamicValue(() => {
          // A snapshot of the suspension list, as a singleton would load it
          const snapshot = new Set(suspended);
          loaded++;
          const check: Authorizer = async ctx =>
            snapshot.has(ctx.principals[0]?.name as string) ? DENY : ALLOW;
          return check;
        })
        .inScope(BindingScope.SINGLETON)
        .tag(AuthorizationTags.AUTHORIZER);
      expect(await call({user: givenUser('mallory')})).to.equal('allowed');
      suspended.add('mallory');
      binding.refresh(app);
      expect(await call({user: givenUser('mallory')})).to.equal('denied');
      expect(loaded).to.equal(2);
    });

    it('maps roles with a refreshed singleton role mapper', async () => {
      app.component(BuiltinAuthorizersComponent);
      let admins = ['alice'];
      const mapper = app
        .bind('roleMappers.table')
        .toDynamicValue(() => {
          const table = [...admins];
          const map: RoleMapper = principals =>
            table.includes(principals[0]?.name as string) ? ['ADMIN'] : [];
          return map;
        })
        .inScope(BindingScope.SINGLETON)
        .tag(AuthorizationTags.ROLE_MAPPER);
      const adminsOnly = {target: new AdminDesk(), method: 'open'};
      expect(await call({...adminsOnly, user: givenUser('alice')})).to.equal(
        'allowed',
      );
      admins = [];
      mapper.refresh(app);
      expect(await call({...adminsOnly, user: givenUser('alice')})).to.equal(
        'denied',
      );
    });

    it('gives the record to a refreshed singleton listener', async () => {
      const heard: string[] = [];
      let generation = 0;
      const listener = app
        .bind('listeners.audit')
        .toDynamicValue(() => {
          const mine = ++generation;
          const listen: DecisionListener = () => {
            heard.push(`generation ${mine}`);
          };
          return listen;
        })
        .inScope(BindingScope.SINGLETON)
        .tag(AuthorizationTags.DECISION_LISTENER);
      bindVoter('allow', ALLOW);
      await call();
      listener.refresh(app);
      await call();
      expect(heard).to.eql(['generation 1', 'generation 2']);
    });
  });

  describe('the context of each call', () => {
    it('asks a voter of the call bound with an undefined tag value (review finding 3)', async () => {
      bindVoter('app', ALLOW);
      const local = (ctx: Context) =>
        ctx
          .bind('voters.local')
          .to(voter('local', DENY))
          .tag({[AuthorizationTags.AUTHORIZER]: undefined});
      expect(await call({setup: local})).to.equal('denied');
      expect(asked).to.eql(['local']);
    });

    for (const scope of [BindingScope.REQUEST, BindingScope.TRANSIENT]) {
      it(`gives a ${scope} voter its own request's values across interleaved calls`, async () => {
        const tenant = BindingKey.create<string>('request.tenant');
        const seen: string[] = [];
        class TenantVoterProvider implements Provider<Authorizer> {
          constructor(@inject(tenant) private readonly name: string) {}

          value(): Authorizer {
            const name = this.name;
            return async (authorizationCtx: AuthorizationContext) => {
              // Let the other calls run before voting
              await new Promise(resolve => setTimeout(resolve, delayOf(name)));
              const principal = authorizationCtx.principals[0]?.name;
              seen.push(`${name}/${principal}`);
              if (principal !== name) return DENY;
              return name.startsWith('deny') ? DENY : ALLOW;
            };
          }
        }
        app
          .bind('voters.tenant')
          .toProvider(TenantVoterProvider)
          .inScope(scope)
          .tag(AuthorizationTags.AUTHORIZER);
        const names = ['allow1', 'deny1', 'allow2', 'deny2', 'allow3', 'deny3'];
        const outcomes = await Promise.all(
          names.map(name =>
            call({
              user: givenUser(name),
              setup: ctx => ctx.bind(tenant).to(name),
            }),
          ),
        );
        expect(outcomes).to.eql(
          names.map(name => (name.startsWith('deny') ? 'denied' : 'allowed')),
        );
        expect([...seen].sort()).to.eql(names.map(n => `${n}/${n}`).sort());
        // The calls did interleave: they did not vote in the order they began
        expect(seen).to.not.eql(names.map(n => `${n}/${n}`));
      });
    }

    it('asks a voter bound in the context of a call for that call only', async () => {
      bindVoter('app', ALLOW);
      const local = (ctx: Context) => bindVoter('local', DENY, ctx);
      expect(await call({setup: local})).to.equal('denied');
      expect(await call()).to.equal('allowed');
      expect(await call({setup: local})).to.equal('denied');
      expect(await call()).to.equal('allowed');
      expect(asked).to.eql(['local', 'app', 'local', 'app']);
    });

    it('lets a voter of a call hide the application voter with the same key', async () => {
      bindVoter('shared', DENY);
      const hide = (ctx: Context) =>
        bindVoter('child', ALLOW, ctx, 'voters.shared');
      expect(await call({setup: hide})).to.equal('allowed');
      expect(await call()).to.equal('denied');
      expect(await call({setup: hide})).to.equal('allowed');
      expect(asked).to.eql(['child', 'shared', 'child']);
    });
  });

  function givenApplication() {
    app = new Application();
    app.component(AuthorizationComponent);
    asked = [];
  }

  function voter(name: string, decision: AuthorizationDecision): Authorizer {
    return async () => {
      asked.push(name);
      return decision;
    };
  }

  /**
   * Binds a voter that records its name, in the application unless another
   * context is given, at `voters.<name>` unless another key is given
   */
  function bindVoter(
    name: string,
    decision: AuthorizationDecision,
    ctx: Context = app,
    key = `voters.${name}`,
  ) {
    return ctx
      .bind(key)
      .to(voter(name, decision))
      .tag(AuthorizationTags.AUTHORIZER);
  }

  /**
   * Configures the authorization component in the application, or in `ctx`
   * when given
   * @returns The configuration binding
   */
  function configureAuthorization(
    options: AuthorizationOptions,
    ctx: Context = app,
  ) {
    return ctx.configure(AuthorizationBindings.COMPONENT).to(options);
  }

  function givenServer() {
    const server = new Context(app, 'server');
    server.scope = BindingScope.SERVER;
    return server;
  }

  function givenUser(name = 'u1'): UserProfile {
    return {[securityId]: name, name};
  }

  function delayOf(name: string) {
    // Later calls vote sooner, 12 ms apart, so that the calls overlap out of
    // order even on a loaded machine
    return 40 - 12 * Number(name.slice(-1));
  }

  /**
   * Invoke `Greeter.greet` as a request would: in a new request-scoped child
   * context holding the user
   */
  async function call(
    options: {
      parent?: Context;
      user?: UserProfile;
      setup?: (requestCtx: Context) => void;
      target?: object;
      method?: string;
    } = {},
  ): Promise<'allowed' | 'denied'> {
    const requestCtx = new Context(options.parent ?? app, 'request');
    requestCtx.scope = BindingScope.REQUEST;
    requestCtx.bind(SecurityBindings.USER).to(options.user ?? givenUser());
    options.setup?.(requestCtx);
    try {
      const result = await invokeMethod(
        options.target ?? new Greeter(),
        options.method ?? 'greet',
        requestCtx,
      );
      expect(result).to.equal('Hello, world');
      return 'allowed';
    } catch (err) {
      if ((err as {statusCode?: number}).statusCode === 403) return 'denied';
      throw err;
    }
  }
});
