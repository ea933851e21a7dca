// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingScope, Context, ContextBindings} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {OptionsReader} from '../../../options/options.reader';

describe('OptionsReader', () => {
  const KEY = 'components.Test';
  let checked: unknown[];
  let reader: OptionsReader<{level: string}>;
  let app: Context;

  beforeEach(() => {
    checked = [];
    reader = new OptionsReader(KEY, configured => {
      checked.push(configured);
      return Object.freeze({
        level: (configured as {level?: string} | undefined)?.level ?? 'none',
      });
    });
    app = new Context('app');
  });

  it('checks a constant configuration once, and each new one once', () => {
    const config = app.configure(KEY).to({level: 'app'});
    expect(reader.read(app)).to.eql({level: 'app'});
    expect(reader.read(app)).to.equal(reader.read(app));
    config.to({level: 'changed'});
    expect(reader.read(app)).to.eql({level: 'changed'});
    expect(checked).to.have.length(2);
  });

  it('checks the same object again when .to() binds it again after a change in place', () => {
    const options = {level: 'allow'};
    const config = app.configure(KEY).to(options);
    expect(reader.read(app)).to.eql({level: 'allow'});
    options.level = 'deny';
    config.to(options);
    expect(reader.read(app)).to.eql({level: 'deny'});
    // And again through a new configure() of the same key
    options.level = 'again';
    app.configure(KEY).to(options);
    expect(reader.read(app)).to.eql({level: 'again'});
    expect(checked).to.have.length(3);
  });

  it('follows one binding with one listener, however often it changes', () => {
    const config = app.configure(KEY).to({level: 'a'});
    const before = config.listenerCount('changed');
    let previous = 'a';
    for (const level of ['b', 'c', 'd', 'e']) {
      expect(reader.read(app)).to.eql({level: previous});
      config.to({level});
      previous = level;
    }
    expect(reader.read(app)).to.eql({level: 'e'});
    // The context's own listener, and one of the reader's
    expect(config.listenerCount('changed')).to.equal(before + 1);
  });

  it('reads the configuration the context of the call sees, the nearest winning', () => {
    app.configure(KEY).to({level: 'app'});
    const server = new Context(app, 'server');
    const request = new Context(server, 'request');
    expect(reader.read(request)).to.eql({level: 'app'});
    server.configure(KEY).to({level: 'server'});
    expect(reader.read(request)).to.eql({level: 'server'});
    request.configure(KEY).to({level: 'request'});
    expect(reader.read(request)).to.eql({level: 'request'});
    expect(reader.read(server)).to.eql({level: 'server'});
    server.unbind(`${KEY}:$config`);
    expect(reader.read(new Context(server))).to.eql({level: 'app'});
  });

  it('checks a configuration from a dynamic value on every call', async () => {
    let level = 'first';
    app.configure(KEY).toDynamicValue(() => ({level}));
    expect(reader.read(app)).to.eql({level: 'first'});
    level = 'second';
    expect(reader.read(app)).to.eql({level: 'second'});
    app.configure(KEY).toDynamicValue(async () => ({level: 'async'}));
    expect(await reader.read(app)).to.eql({level: 'async'});
  });

  it('follows binding.refresh() of a singleton configuration', () => {
    let level = 'loaded';
    const config = app
      .configure(KEY)
      .toDynamicValue(() => ({level}))
      .inScope(BindingScope.SINGLETON);
    expect(reader.read(app)).to.eql({level: 'loaded'});
    level = 'reloaded';
    expect(reader.read(app)).to.eql({level: 'loaded'});
    config.refresh(app);
    expect(reader.read(app)).to.eql({level: 'reloaded'});
  });

  it('goes through a custom configuration resolver', () => {
    app.bind(ContextBindings.CONFIGURATION_RESOLVER).to({
      getConfigAsValueOrPromise: () => ({level: 'resolver'}) as never,
    });
    app.configure(KEY).to({level: 'bound'});
    expect(reader.read(new Context(app))).to.eql({level: 'resolver'});
  });

  it('throws what the check throws, on every call', () => {
    const strict = new OptionsReader(KEY, () => {
      throw new Error('malformed');
    });
    app.configure(KEY).to({});
    expect(() => strict.read(app)).to.throw('malformed');
    expect(() => strict.read(app)).to.throw('malformed');
  });
});
