// Copyright The loopback-security-monorepo authors. License: MIT.

import {Application, invokeMethod} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {
  AuthorizationBindings,
  AuthorizationDecision,
  AuthorizationMetadata,
  AuthorizationTags,
  authorize,
  Authorizer,
  DecisionListener,
  getAuthorizationMetadata,
} from '../..';
import {
  givenAuthorizationApp,
  givenBuiltinsApp,
  givenDecisionRecords,
  givenUser,
  invokeAs,
} from '../fixtures/authorization-app';
import {ALLOW, DENY} from '../fixtures/decisions';

/**
 * The rule of a method is what `@authorize` says, for every call: no voter,
 * listener or odd invocation target can change it for a later call, and
 * `getAuthorizationMetadata` reports the rule that is enforced.
 */
describe('The rule of a method cannot be changed behind the check', () => {
  let app: Application;

  beforeEach(() => {
    app = givenBuiltinsApp();
  });

  class Vault {
    @authorize({allowedRoles: ['ADMIN'], deniedRoles: ['GUEST']})
    open() {
      return 'opened';
    }
  }

  describe('what voters and listeners receive (review finding 4)', () => {
    it('lets no voter widen the rule for later callers', async () => {
      const tamper: Authorizer = async (_ctx, metadata) => {
        try {
          metadata.allowedRoles?.push('USER');
          delete (metadata as AuthorizationMetadata).deniedRoles;
          (metadata as AuthorizationMetadata).skip = true;
        } catch {
          // Frozen: the writes throw in strict mode
        }
        return AuthorizationDecision.ABSTAIN;
      };
      app.bind('voters.tamper').to(tamper).tag(AuthorizationTags.AUTHORIZER);
      const user = givenUser('u1', {roles: ['USER']});
      for (let i = 0; i < 2; i++) {
        await expect(
          invokeAs(app, new Vault(), 'open', user),
        ).to.be.rejectedWith({statusCode: 403});
      }
      expect(getAuthorizationMetadata(Vault, 'open')).to.eql({
        allowedRoles: ['ADMIN'],
        deniedRoles: ['GUEST'],
      });
    });

    it('lets no voter change the roles, scopes or principals later voters see', async () => {
      const tamper: Authorizer = async ctx => {
        for (const write of [
          () => ctx.roles.push({name: 'ADMIN'} as never),
          () => ((ctx.roles[0] as {name: string}).name = 'ADMIN'),
          () => ctx.scopes.push('admin'),
          () =>
            ((ctx.principals[0] as unknown as {name: string}).name = 'root'),
          () => ctx.principals.splice(0),
        ]) {
          try {
            write();
          } catch {
            // Frozen: each write throws in strict mode
          }
        }
        return AuthorizationDecision.ABSTAIN;
      };
      const adminsOnly: Authorizer = async ctx =>
        ctx.roles.some(role => role.name === 'ADMIN') ||
        ctx.scopes.includes('admin') ||
        ctx.principals[0]?.name === 'root'
          ? ALLOW
          : DENY;
      app
        .bind('voters.adminsOnly')
        .to(adminsOnly)
        .tag(AuthorizationTags.AUTHORIZER);
      class Safe {
        @authorize({voters: [tamper]})
        open() {
          return 'opened';
        }
      }
      await expect(
        invokeAs(app, new Safe(), 'open', givenUser('u1', {roles: ['USER']})),
      ).to.be.rejectedWith({statusCode: 403});
    });

    it('denies the call of a voter whose write to the metadata throws', async () => {
      const writer: Authorizer = async (_ctx, metadata) => {
        metadata.allowedRoles!.push('USER');
        return ALLOW;
      };
      app.bind('voters.writer').to(writer).tag(AuthorizationTags.AUTHORIZER);
      await expect(
        invokeAs(app, new Vault(), 'open', givenUser('u1', {roles: ['ADMIN']})),
      ).to.be.rejectedWith(TypeError);
    });

    it('lets no listener change the record another listener or a later call sees', async () => {
      const vandal: DecisionListener = record => {
        try {
          (record.roles as string[]).push('ADMIN');
          (record.metadata.allowedRoles as string[]).push('USER');
          (record.votes as unknown[]).length = 0;
          (record as {decision: string}).decision = ALLOW;
        } catch {
          // Frozen
        }
      };
      const seen = givenDecisionRecords(app);
      app
        .bind('listeners.vandal')
        .to(vandal)
        .tag(AuthorizationTags.DECISION_LISTENER);
      const user = givenUser('u1', {roles: ['USER']});
      await expect(invokeAs(app, new Vault(), 'open', user)).to.be.rejectedWith(
        {
          statusCode: 403,
        },
      );
      await expect(invokeAs(app, new Vault(), 'open', user)).to.be.rejectedWith(
        {
          statusCode: 403,
        },
      );
      for (const record of seen) {
        expect(record.decision).to.equal(DENY);
        expect(record.roles).to.eql(['USER']);
        expect(record.metadata.allowedRoles).to.eql(['ADMIN']);
        expect(record.votes.length).to.be.above(0);
      }
    });

    it('gives voters a frozen defaultMetadata, checked once', async () => {
      const defaults = {allowedRoles: ['ADMIN']};
      app
        .configure(AuthorizationBindings.COMPONENT)
        .to({defaultMetadata: defaults});
      let received: AuthorizationMetadata | undefined;
      app
        .bind('voters.peek')
        .to(async (_ctx: unknown, metadata: AuthorizationMetadata) => {
          received = metadata;
          return AuthorizationDecision.ABSTAIN;
        })
        .tag(AuthorizationTags.AUTHORIZER);
      class Undecorated {
        hello() {
          return 'hi';
        }
      }
      await expect(
        invokeAs(
          app,
          new Undecorated(),
          'hello',
          givenUser('u1', {roles: ['USER']}),
        ),
      ).to.be.rejectedWith({statusCode: 403});
      expect(Object.isFrozen(received)).to.be.true();
      expect(Object.isFrozen(received?.allowedRoles)).to.be.true();
      // The application's own object is left as it was
      expect(Object.isFrozen(defaults)).to.be.false();
    });
  });

  describe('the metadata cache (review finding 5)', () => {
    class Base {
      @authorize.allow('ADMIN')
      act() {
        return 'acted';
      }
    }

    class Sub extends Base {
      @authorize.allowAll()
      override act() {
        return 'acted';
      }
    }

    it('does not let a subclass prototype as target answer for its base class', async () => {
      expect(await invokeMethod(Sub.prototype, 'act', app)).to.equal('acted');
      await expect(invokeAs(app, new Base(), 'act')).to.be.rejectedWith({
        statusCode: 403,
      });
      expect(await invokeAs(app, new Sub(), 'act')).to.equal('acted');
    });
  });

  describe('getAuthorizationMetadata (review finding 8)', () => {
    @authorize.denyAll()
    class Twins {
      // The instance method has no rule of its own: the class's applies
      report() {
        return 'instance';
      }

      @authorize.allowAll()
      static report() {
        return 'static';
      }
    }

    it('reports the rule the interceptor enforces on an instance method', async () => {
      expect(getAuthorizationMetadata(Twins, 'report')).to.eql({
        deniedRoles: ['$everyone'],
      });
      expect(getAuthorizationMetadata(new Twins(), 'report')).to.eql({
        deniedRoles: ['$everyone'],
      });
      await expect(invokeAs(app, new Twins(), 'report')).to.be.rejectedWith({
        statusCode: 403,
      });
    });

    it('reports the rule of a static method when asked for it', async () => {
      expect(getAuthorizationMetadata(Twins, 'report', true)).to.eql({
        allowedRoles: ['$everyone'],
      });
      expect(await invokeAs(app, Twins, 'report')).to.equal('static');
    });
  });
});

/** A voter that denies what has deniedRoles, else abstains */
const denyDenied: Authorizer = async (_ctx, metadata) =>
  metadata.deniedRoles?.length
    ? AuthorizationDecision.DENY
    : AuthorizationDecision.ABSTAIN;

describe('Which rule applies: inherited skips, odd method names, static twins', () => {
  it('drops an inherited skip when a subclass decorates the method', () => {
    class Base {
      @authorize.skip()
      m() {}
    }
    class Sub extends Base {
      @authorize.allow('ADMIN')
      override m() {}
    }
    expect(getAuthorizationMetadata(Sub, 'm')).to.eql({
      allowedRoles: ['ADMIN'],
    });
    expect(getAuthorizationMetadata(Base, 'm')).to.eql({skip: true});
  });

  it('drops an inherited class skip when a subclass is decorated', () => {
    @authorize.skip()
    class Base {
      m() {}
    }
    @authorize.allow('ADMIN')
    class Sub extends Base {}
    expect(getAuthorizationMetadata(Sub, 'm')).to.eql({
      allowedRoles: ['ADMIN'],
    });
  });

  it('keeps an inherited skip that the subclass repeats', () => {
    class Base {
      @authorize({skip: true, resource: 'r'})
      m() {}
    }
    class Sub extends Base {
      @authorize({skip: true})
      override m() {}
    }
    expect(getAuthorizationMetadata(Sub, 'm')).to.eql({
      skip: true,
      resource: 'r',
    });
  });

  it('applies class metadata to a method named like an Object.prototype member', async () => {
    const app = givenAuthorizationApp({defaultDecision: ALLOW});
    app.bind('v').to(denyDenied).tag(AuthorizationTags.AUTHORIZER);
    @authorize.denyAll()
    class Odd {
      toString() {
        return 'ran';
      }
    }
    expect(getAuthorizationMetadata(Odd, 'toString')).to.eql({
      deniedRoles: ['$everyone'],
    });
    await expect(invokeMethod(new Odd(), 'toString', app)).to.be.rejectedWith({
      message: 'Access denied',
    });
  });

  it('reads the instance method before a static one of the same name', async () => {
    class C {
      @authorize.skip()
      static find() {
        return 'static';
      }
      @authorize.denyAll()
      find() {
        return 'instance';
      }
    }
    expect(getAuthorizationMetadata(C, 'find')).to.eql({
      deniedRoles: ['$everyone'],
    });
    const app = givenAuthorizationApp({defaultDecision: ALLOW});
    app.bind('v').to(denyDenied).tag(AuthorizationTags.AUTHORIZER);
    await expect(invokeMethod(new C(), 'find', app)).to.be.rejectedWith({
      message: 'Access denied',
    });
    expect(await invokeMethod(C, 'find', app)).to.equal('static');
  });
});
