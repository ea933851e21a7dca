// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  describeAuthorizationRules,
  describeRulesInWords,
  renderAccessReportMarkdown,
} from '../../..';

describe('describeAuthorizationRules', () => {
  it('names function and binding-key voters and owners, and copies arrays', () => {
    const allowedRoles = ['ADMIN'];
    function ownerOfOrder() {
      return 'alice';
    }
    const rules = describeAuthorizationRules({
      allowedRoles,
      voters: [
        'voters.audit',
        async function quota() {
          return 'Allow' as never;
        },
      ],
      ownership: {owner: ownerOfOrder, instanceId: () => 'x'},
      resource: 'order',
    });
    expect(rules).to.eql({
      allowedRoles: ['ADMIN'],
      voters: ['voters.audit', 'function quota'],
      ownership: {owner: 'function ownerOfOrder', instanceId: 'function'},
      resource: 'order',
    });
    allowedRoles.push('SUPPORT');
    expect(rules.allowedRoles).to.eql(['ADMIN']);
  });

  it('keeps an action that an extension adds, and only a string one', () => {
    const withAction = {resource: 'Order', action: 'read'};
    expect(describeAuthorizationRules(withAction)).to.eql(withAction);
    const oddAction = {resource: 'Order', action: 42};
    expect(describeAuthorizationRules(oddAction)).to.eql({resource: 'Order'});
  });
});

describe('describeRulesInWords', () => {
  it('says built-in roles in words', () => {
    expect(
      describeRulesInWords({
        allowedRoles: ['$authenticated'],
        deniedRoles: ['$anonymous'],
      }),
    ).to.equal('Allowed: authenticated users. Denied: anonymous callers.');
  });

  it('says scopes, voters and skip', () => {
    expect(describeRulesInWords({scopes: ['a', 'b'], voters: ['v']})).to.equal(
      'Required scopes: a, b. Also decided by: v.',
    );
    expect(describeRulesInWords({skip: true})).to.equal(
      'Public: authorization is skipped.',
    );
    expect(describeRulesInWords({})).to.equal(
      'Decided by the registered authorizers.',
    );
  });

  it('says which rules decide a resource and an action', () => {
    expect(describeRulesInWords({resource: 'Order', action: 'read'})).to.equal(
      'Decided by the rules of the action "read" on "Order".',
    );
    // An action without a resource names nothing a rule could match
    expect(describeRulesInWords({action: 'read'})).to.equal(
      'Decided by the registered authorizers.',
    );
  });
});

describe('renderAccessReportMarkdown', () => {
  it('keeps a pipe or a line break in a rule inside its cell', () => {
    const markdown = renderAccessReportMarkdown([
      {
        verb: 'get',
        path: '/a',
        controller: 'C',
        method: 'm',
        access: 'protected',
        source: 'decorator',
        rules: {allowedRoles: ['A|B', 'C\nD']},
      },
    ]);
    expect(markdown.split('\n')[4]).to.equal(
      '| GET | `/a` | C.m | protected | decorator | allowedRoles: A\\|B, C D |',
    );
  });
});
