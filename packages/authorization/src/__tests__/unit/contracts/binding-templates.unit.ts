// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  BindingScope,
  BindingTemplate,
  Context,
  createBindingFromClass,
  injectable,
  Provider,
} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {
  asAuthorizer,
  asDecisionListener,
  asRoleMapper,
  asScopeMapper,
  AuthorizationTags,
} from '../../..';

describe('binding templates of the extension points', () => {
  const TEMPLATES: [string, BindingTemplate, string][] = [
    ['asAuthorizer', asAuthorizer, AuthorizationTags.AUTHORIZER],
    ['asRoleMapper', asRoleMapper, AuthorizationTags.ROLE_MAPPER],
    ['asScopeMapper', asScopeMapper, AuthorizationTags.SCOPE_MAPPER],
    [
      'asDecisionListener',
      asDecisionListener,
      AuthorizationTags.DECISION_LISTENER,
    ],
  ];

  for (const [name, template, tag] of TEMPLATES) {
    it(`${name} tags a binding as the pipeline finds it, keeping its key and scope`, () => {
      const ctx = new Context();
      const binding = ctx
        .bind('extensions.x')
        .to(() => undefined)
        .inScope(BindingScope.SINGLETON)
        .apply(template);
      expect(binding.key).to.equal('extensions.x');
      expect(binding.scope).to.equal(BindingScope.SINGLETON);
      expect(binding.tagMap).to.containEql({[tag]: tag});
      expect(ctx.findByTag(tag).map(b => b.key)).to.eql(['extensions.x']);
    });
  }

  it('tags a provider class through @injectable', () => {
    @injectable(asRoleMapper, {scope: BindingScope.SINGLETON})
    class TeamRolesProvider implements Provider<() => string[]> {
      value() {
        return () => ['TEAM'];
      }
    }
    const binding: Binding = createBindingFromClass(TeamRolesProvider);
    expect(binding.tagNames).to.containEql(AuthorizationTags.ROLE_MAPPER);
    expect(binding.scope).to.equal(BindingScope.SINGLETON);
  });
});
