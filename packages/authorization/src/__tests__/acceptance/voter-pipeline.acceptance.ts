// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingKey, Context, invokeMethod} from '@loopback/core';
import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  AuthorizationContext,
  AuthorizationErrorCode,
  AuthorizationTags,
  authorize,
  Authorizer,
  AuthorizerResult,
} from '../..';
import {
  givenAuthorizationApp,
  givenDecisionRecords,
  givenUser,
  givenVoter,
  invokeAs,
} from '../fixtures/authorization-app';
import {ALLOW, DENY, ABSTAIN} from '../fixtures/decisions';

describe('The voter pipeline (invokeMethod)', () => {
  it('asks the decorator voters, functions and keys, then the tagged ones', async () => {
    const calls: string[] = [];
    const app = givenAuthorizationApp(undefined, [
      givenVoter('tagged1', ABSTAIN, calls),
      givenVoter('tagged2', ALLOW, calls),
    ]);
    const byKey = BindingKey.create<Authorizer>('voters.byKey');
    app.bind(byKey).to(givenVoter('byKey', ABSTAIN, calls));
    app.bind('voters.byString').to(givenVoter('byString', ABSTAIN, calls));
    const fn = givenVoter('fn', ABSTAIN, calls);
    class C {
      @authorize({voters: [fn, byKey, 'voters.byString']})
      m() {
        return 'ran';
      }
    }
    expect(await invokeAs(app, new C(), 'm', givenUser())).to.equal('ran');
    expect(calls).to.eql(['fn', 'byKey', 'byString', 'tagged1', 'tagged2']);
  });

  it('gives voters the context of the call and the metadata', async () => {
    const app = givenAuthorizationApp();
    const voter = givenVoter('v', ALLOW);
    let seenMetadata: unknown;
    const metadataVoter: Authorizer = async (_ctx, metadata) => {
      seenMetadata = metadata;
      return ABSTAIN;
    };
    class OrderController {
      @authorize({
        allowedRoles: ['ADMIN'],
        resource: 'order',
        voters: [metadataVoter, voter],
      })
      cancelOrder(id: string) {
        return id;
      }
    }
    const user = givenUser('u7', {email: 'u7@example.com', roles: ['ADMIN']});
    await invokeAs(app, new OrderController(), 'cancelOrder', user, ['o9']);
    const ctx: AuthorizationContext = voter.seen[0];
    expect(ctx.resource).to.equal('OrderController.prototype.cancelOrder');
    expect(ctx.invocationContext.args).to.eql(['o9']);
    expect(ctx.invocationContext.methodName).to.equal('cancelOrder');
    expect(ctx.roles).to.eql([]);
    expect(ctx.scopes).to.eql([]);
    expect(ctx.principals).to.have.length(1);
    expect(ctx.principals[0]).to.containDeep({
      email: 'u7@example.com',
      roles: ['ADMIN'],
      name: 'u7',
      type: 'USER',
    });
    expect(ctx.principals[0][securityId]).to.equal('u7');
    expect(seenMetadata).to.eql({
      allowedRoles: ['ADMIN'],
      resource: 'order',
      voters: [metadataVoter, voter],
    });
  });

  it('keeps the profile name when there is one', async () => {
    const voter = givenVoter('v', ALLOW);
    const app = givenAuthorizationApp(undefined, [voter]);
    class C {
      @authorize({})
      m() {}
    }
    await invokeAs(app, new C(), 'm', givenUser('u1', {name: 'Ann'}));
    expect(voter.seen[0].principals[0].name).to.equal('Ann');
  });

  it('gives no principals without a user', async () => {
    const voter = givenVoter('v', ALLOW);
    const app = givenAuthorizationApp(undefined, [voter]);
    class C {
      @authorize({allowedRoles: ['ADMIN']})
      m() {
        return 'ran';
      }
    }
    expect(await invokeAs(app, new C(), 'm')).to.equal('ran');
    expect(voter.seen[0].principals).to.eql([]);
  });

  it('authorizes static methods', async () => {
    const voter = givenVoter('v', DENY);
    const app = givenAuthorizationApp(undefined, [voter]);
    class Reports {
      @authorize.allow('ADMIN')
      static count() {
        return 1;
      }
    }
    await expect(invokeMethod(Reports, 'count', app)).to.be.rejectedWith({
      statusCode: 403,
    });
    expect(voter.seen[0].resource).to.equal('Reports.count');
  });

  it('uses the class metadata for methods without their own', async () => {
    const app = givenAuthorizationApp();
    const classVoter = givenVoter('classVoter', DENY);
    @authorize({voters: [classVoter]})
    class C {
      guarded() {
        return 'ran';
      }
      @authorize.skip()
      open() {
        return 'open';
      }
    }
    await expect(invokeAs(app, new C(), 'guarded')).to.be.rejectedWith({
      message: 'Access denied',
    });
    expect(await invokeAs(app, new C(), 'open')).to.equal('open');
    expect(classVoter.seen).to.have.length(1);
  });

  describe('skip and missing metadata', () => {
    it('runs a skipped method without asking any voter', async () => {
      const tagged = givenVoter('tagged', DENY);
      const own = givenVoter('own', DENY);
      const app = givenAuthorizationApp(undefined, [tagged]);
      class C {
        @authorize({skip: true, voters: [own]})
        m() {
          return 'ran';
        }
      }
      expect(await invokeAs(app, new C(), 'm')).to.equal('ran');
      expect(tagged.seen).to.be.empty();
      expect(own.seen).to.be.empty();
    });

    it('leaves a method without metadata alone', async () => {
      const tagged = givenVoter('tagged', DENY);
      const app = givenAuthorizationApp(undefined, [tagged]);
      class C {
        m() {
          return 'ran';
        }
      }
      expect(await invokeAs(app, new C(), 'm')).to.equal('ran');
      expect(tagged.seen).to.be.empty();
    });

    it('applies defaultMetadata to a method without metadata', async () => {
      const own = givenVoter('fromDefault', DENY);
      const app = givenAuthorizationApp({defaultMetadata: {voters: [own]}});
      class C {
        m() {
          return 'ran';
        }
      }
      await expect(invokeAs(app, new C(), 'm')).to.be.rejectedWith({
        message: 'Access denied',
      });
      expect(own.seen).to.have.length(1);
    });

    it('denies by defaultDecision under defaultMetadata without voters', async () => {
      const app = givenAuthorizationApp({defaultMetadata: {}});
      class C {
        m() {
          return 'ran';
        }
      }
      await expect(invokeAs(app, new C(), 'm')).to.be.rejectedWith({
        statusCode: 403,
      });
    });

    it('prefers the method metadata to defaultMetadata', async () => {
      const fromDefault = givenVoter('fromDefault', DENY);
      const fromMethod = givenVoter('fromMethod', ALLOW);
      const app = givenAuthorizationApp({
        defaultMetadata: {voters: [fromDefault]},
      });
      class C {
        @authorize({voters: [fromMethod]})
        m() {
          return 'ran';
        }
      }
      expect(await invokeAs(app, new C(), 'm')).to.equal('ran');
      expect(fromDefault.seen).to.be.empty();
    });
  });

  it('sees tagged voters of the calling context, a child hiding a parent', async () => {
    const calls: string[] = [];
    const app = givenAuthorizationApp();
    app
      .bind('voters.shared')
      .to(givenVoter('app', DENY, calls))
      .tag(AuthorizationTags.AUTHORIZER);
    class C {
      @authorize({})
      m() {
        return 'ran';
      }
    }
    const requestCtx = new Context(app, 'request');
    requestCtx
      .bind('voters.shared')
      .to(givenVoter('request', ALLOW, calls))
      .tag(AuthorizationTags.AUTHORIZER);
    expect(await invokeMethod(new C(), 'm', requestCtx)).to.equal('ran');
    expect(calls).to.eql(['request']);
    // another request does not see it
    await expect(invokeAs(app, new C(), 'm')).to.be.rejectedWith({
      statusCode: 403,
    });
    expect(calls).to.eql(['request', 'app']);
  });

  describe('verdicts: a vote with its reason', () => {
    class Ledger {
      @authorize({})
      read() {
        return 'read';
      }
    }

    function givenVerdictApp(result: unknown) {
      const app = givenAuthorizationApp();

      const explaining: Authorizer<never, AuthorizerResult> = async () =>
        result as AuthorizerResult;
      app
        .bind('voters.policy')
        .to(explaining)
        .tag(AuthorizationTags.AUTHORIZER);
      return {app, records: givenDecisionRecords(app)};
    }

    it('decides by the verdict and records its reason', async () => {
      const {app, records} = givenVerdictApp({
        decision: ALLOW,
        reason: 'rule "owners read their ledger"',
      });
      expect(await invokeAs(app, new Ledger(), 'read', givenUser())).to.equal(
        'read',
      );
      expect(records[0].votes).to.eql([
        {
          voter: 'binding "voters.policy"',
          decision: ALLOW,
          reason: 'rule "owners read their ledger"',
        },
      ]);
    });

    it('denies by a Deny verdict', async () => {
      const {app} = givenVerdictApp({decision: DENY, reason: 'suspended'});
      await expect(
        invokeAs(app, new Ledger(), 'read', givenUser()),
      ).to.be.rejectedWith({statusCode: 403});
    });

    const MALFORMED: [string, unknown][] = [
      ['an empty reason', {decision: ALLOW, reason: ''}],
      ['no reason', {decision: ALLOW}],
      ['a reason that is not a string', {decision: ALLOW, reason: 42}],
      ['a decision in lower case', {decision: 'allow', reason: 'r'}],
      ['no decision', {reason: 'r'}],
      ['an array', [ALLOW, 'r']],
    ];
    for (const [what, verdict] of MALFORMED) {
      it(`stops the call on a verdict with ${what}`, async () => {
        const {app, records} = givenVerdictApp(verdict);
        await expect(
          invokeAs(app, new Ledger(), 'read', givenUser()),
        ).to.be.rejectedWith({code: AuthorizationErrorCode.INVALID_VOTE});
        expect(records[0].decision).to.equal(DENY);
      });
    }

    it('reads a verdict once: a getter cannot answer the check and the record differently', async () => {
      let reads = 0;
      const verdict = {
        get decision() {
          return reads++ === 0 ? DENY : ALLOW;
        },
        reason: 'flaky',
      };
      const {app, records} = givenVerdictApp(verdict);
      await expect(
        invokeAs(app, new Ledger(), 'read', givenUser()),
      ).to.be.rejectedWith({statusCode: 403});
      expect(records[0].votes[0].decision).to.equal(DENY);
    });
  });
});

describe('Voter keys of @authorize', () => {
  it('resolves a voter key with a property path', async () => {
    const app = givenAuthorizationApp();
    app.bind('policies').to({orders: async () => ALLOW});
    class C {
      @authorize({
        voters: [BindingKey.create<Authorizer>('policies', 'orders')],
      })
      m() {
        return 'ran';
      }
    }
    expect(await invokeMethod(new C(), 'm', app)).to.equal('ran');
  });
});
