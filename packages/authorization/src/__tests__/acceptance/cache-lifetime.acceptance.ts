// Copyright The loopback-security-monorepo authors. License: MIT.

// What the interceptor keeps between calls, and for how long: no answer
// shared by unrelated objects, no revoked voter, no growing listener lists,
// and nothing that holds an application once it is gone.

import {Application, BindingScope, Context, invokeMethod} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {
  AuthorizationComponent,
  AuthorizationDecision,
  AuthorizationTags,
  authorize,
  Authorizer,
} from '../..';
import {givenAuthorizationApp} from '../fixtures/authorization-app';
import {ALLOW, DENY} from '../fixtures/decisions';

/** A voter that denies what has deniedRoles, else abstains */
const denyDenied: Authorizer = async (_ctx, metadata) =>
  metadata.deniedRoles?.length
    ? AuthorizationDecision.DENY
    : AuthorizationDecision.ABSTAIN;

describe('What the interceptor keeps between calls', () => {
  it('does not give one plain object the cached answer of another', async () => {
    const app = givenAuthorizationApp({defaultDecision: ALLOW});
    app.bind('v').to(denyDenied).tag(AuthorizationTags.AUTHORIZER);
    const open = {remove: () => 'ran'};
    const guarded = {remove: () => 'ran'};
    authorize.denyAll()(
      guarded,
      'remove',
      Object.getOwnPropertyDescriptor(guarded, 'remove')!,
    );
    expect(await invokeMethod(open, 'remove', app)).to.equal('ran');
    await expect(invokeMethod(guarded, 'remove', app)).to.be.rejectedWith({
      message: 'Access denied',
    });
  });

  it('drops an async singleton voter revoked while it was first resolved', async () => {
    const app = givenAuthorizationApp();
    class C {
      @authorize({})
      m() {
        return 'ran';
      }
    }
    let release!: () => void;
    const gate = new Promise<void>(resolve => (release = resolve));
    const binding = app
      .bind('voters.v')
      .toDynamicValue(async () => {
        await gate;
        return async () => ALLOW;
      })
      .inScope(BindingScope.SINGLETON)
      .tag(AuthorizationTags.AUTHORIZER);
    const first = invokeMethod(new C(), 'm', app);
    await new Promise(resolve => setImmediate(resolve));
    binding.to(async () => DENY);
    release();
    expect(await first).to.equal('ran');
    await expect(invokeMethod(new C(), 'm', app)).to.be.rejectedWith({
      message: 'Access denied',
    });
  });

  it('adds a fixed number of change listeners to a voter binding, however many calls race', async () => {
    const app = givenAuthorizationApp();
    const binding = app
      .bind('voters.v')
      .toDynamicValue(async () => async () => ALLOW)
      .inScope(BindingScope.SINGLETON)
      .tag(AuthorizationTags.AUTHORIZER);
    const before = binding.listenerCount('changed');
    class C {
      @authorize({})
      m() {}
    }
    await Promise.all(
      Array.from({length: 30}, () => invokeMethod(new C(), 'm', app)),
    );
    // One follows its tags, one drops its kept value: not one per call
    expect(binding.listenerCount('changed') - before).to.be.belowOrEqual(2);
  });

  it('lets applications that share a parent context be collected', async () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    let collected = 0;
    const registry = new FinalizationRegistry(() => collected++);
    const parent = new Context('platform');
    class C {
      @authorize({})
      m() {}
    }
    const count = 40;
    for (let i = 0; i < count; i++) {
      const app = new Application(parent);
      app.component(AuthorizationComponent);
      app
        .bind('v')
        .to(async () => ALLOW)
        .tag(AuthorizationTags.AUTHORIZER);
      await invokeMethod(new C(), 'm', new Context(app));
      registry.register(app, i);
    }
    for (let round = 0; round < 10 && collected < count / 2; round++) {
      gc();
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(collected).to.be.aboveOrEqual(count / 2);
  });
});
