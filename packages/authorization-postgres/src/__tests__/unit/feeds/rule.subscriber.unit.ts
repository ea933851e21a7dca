// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {RuleSink, StoredRule, subscribeRules} from '../../..';
import {rolesChange} from '../../fixtures/store.fixtures';

describe('subscribeRules', () => {
  it('hands the rule changes to the sink and ignores role changes', () => {
    const calls: unknown[][] = [];
    const sink: RuleSink = {
      replaceAll: rules => calls.push(['replaceAll', rules.map(r => r.id)]),
      upsert: rule => calls.push(['upsert', rule.id]),
      remove: id => calls.push(['remove', id]),
    };
    const subscriber = subscribeRules(sink);
    const rule: StoredRule = {id: 'r1'};
    subscriber.load({
      revision: 1,
      rules: [rule],
      roleAssignments: [],
      revocations: [],
    });
    subscriber.apply({
      revision: 2,
      kind: 'rule',
      op: 'upsert',
      rule: {id: 'r2'},
    });
    subscriber.apply(rolesChange(3, 'ann', '', []));
    subscriber.apply({revision: 4, kind: 'rule', op: 'remove', id: 'r1'});
    expect(calls).to.deepEqual([
      ['replaceAll', ['r1']],
      ['upsert', 'r2'],
      ['remove', 'r1'],
    ]);
  });
});
