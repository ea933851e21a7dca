// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationDecision,
  AuthorizationDecisionRecord,
} from '@loopback/authorization';
import {BindingScope, Context} from '@loopback/core';
import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import debugFactory from 'debug';
import {format} from 'node:util';
import {
  AuditDecisionListenerProvider,
  debugAuditWriter,
  formatAuditLine,
} from '../../../authorization/audit';
import {AccessControlBindings} from '../../../keys';

const {ALLOW, DENY, ABSTAIN} = AuthorizationDecision;

/**
 * A decision record of alice on `findOrderById`, allowed as the owner
 */
function givenRecord(
  extra: Partial<AuthorizationDecisionRecord> = {},
): AuthorizationDecisionRecord {
  return {
    resource: 'OrderController.prototype.findOrderById',
    metadata: {allowedRoles: ['ADMIN']},
    principals: [{[securityId]: 'u-1', id: 'u-1', name: 'Alice', type: 'USER'}],
    roles: ['CUSTOMER'],
    scopes: [],
    votes: [
      {voter: 'binding "authorization.authorizers.scopes"', decision: ABSTAIN},
      {voter: 'binding "authorization.authorizers.roles"', decision: ABSTAIN},
      {voter: 'binding "authorization.authorizers.ownership"', decision: ALLOW},
    ],
    decision: ALLOW,
    durationMs: 0.2149,
    ...extra,
  };
}

describe('formatAuditLine', () => {
  it('writes the decision, method, user, name, roles, votes and duration', () => {
    expect(formatAuditLine(givenRecord())).to.equal(
      'audit: Allow OrderController.prototype.findOrderById user=u-1 ' +
        'name=Alice roles=[CUSTOMER] ' +
        'votes=[scopes:Abstain,roles:Abstain,ownership:Allow] 0.21ms',
    );
  });

  it('writes an anonymous caller as user=anonymous, without name', () => {
    const line = formatAuditLine(
      givenRecord({principals: [], roles: [], votes: [], decision: DENY}),
    );
    expect(line).to.equal(
      'audit: Deny OrderController.prototype.findOrderById user=anonymous ' +
        'roles=[] votes=[] 0.21ms',
    );
  });

  it('leaves out a name that is the id', () => {
    const line = formatAuditLine(
      givenRecord({principals: [{[securityId]: 'u-1', name: 'u-1'}]}),
    );
    expect(line).to.match(/ user=u-1 roles=/);
  });

  it('writes the code of an error, else its name, and an unknown user', () => {
    const error = Object.assign(new Error('Invalid "roles" of user u-1'), {
      code: 'INVALID_USER_PROFILE',
    });
    const failed = givenRecord({
      principals: [],
      roles: [],
      votes: [],
      decision: DENY,
      error,
    });
    expect(formatAuditLine(failed)).to.equal(
      'audit: Deny OrderController.prototype.findOrderById user=unknown ' +
        'roles=[] votes=[] error=INVALID_USER_PROFILE 0.21ms',
    );
    expect(formatAuditLine({...failed, error: new TypeError('x')})).to.match(
      / error=TypeError 0\.21ms$/,
    );
  });

  it('names other voters by binding key or function name', () => {
    const line = formatAuditLine(
      givenRecord({
        votes: [
          {voter: 'binding "voters.opening-hours"', decision: DENY},
          {voter: 'function checkQuota', decision: ABSTAIN},
        ],
      }),
    );
    expect(line).to.containEql(
      ' votes=[voters.opening-hours:Deny,checkQuota():Abstain] ',
    );
  });

  it('quotes values that could forge fields or lines', () => {
    const line = formatAuditLine(
      givenRecord({
        principals: [
          {[securityId]: 'u 1', name: 'Eve\naudit: Allow', type: 'USER'},
        ],
        roles: ['ADMIN]', 'A,B', 'CUSTOMER'],
      }),
    );
    expect(line.split('\n')).to.have.length(1);
    expect(line).to.containEql(
      'user="u 1" name="Eve\\naudit: Allow" ' +
        'roles=["ADMIN]","A,B",CUSTOMER] ',
    );
  });
});

describe('AuditDecisionListenerProvider', () => {
  it('gives one line per record to the writer bound now', async () => {
    const ctx = new Context();
    const first: string[] = [];
    const second: string[] = [];
    ctx.bind(AccessControlBindings.AUDIT_WRITER).to(line => first.push(line));
    ctx
      .bind(AccessControlBindings.AUDIT_LISTENER)
      .toProvider(AuditDecisionListenerProvider)
      .inScope(BindingScope.SINGLETON);
    const listener = await ctx.get(AccessControlBindings.AUDIT_LISTENER);

    await listener(givenRecord());
    expect(first).to.deepEqual([formatAuditLine(givenRecord())]);

    ctx.bind(AccessControlBindings.AUDIT_WRITER).to(line => second.push(line));
    await listener(givenRecord({decision: DENY}));
    expect(first).to.have.length(1);
    expect(second).to.have.length(1);
    expect(second[0]).to.startWith('audit: Deny ');
  });

  it('rejects with what the writer throws, for the component to report', async () => {
    const ctx = new Context();
    ctx.bind(AccessControlBindings.AUDIT_WRITER).to(() => {
      throw new Error('disk full');
    });
    ctx
      .bind(AccessControlBindings.AUDIT_LISTENER)
      .toProvider(AuditDecisionListenerProvider);
    const listener = await ctx.get(AccessControlBindings.AUDIT_LISTENER);
    await expect(listener(givenRecord())).to.be.rejectedWith('disk full');
  });
});

describe('debugAuditWriter', () => {
  it('prints to the debug log, the line as data, when enabled', () => {
    const printed: unknown[][] = [];
    const log = debugFactory.log;
    const enabled = debugFactory.disable();
    debugFactory.enable('loopback:example:access-control:audit');
    debugFactory.log = (...args: unknown[]) => printed.push(args);
    try {
      debugAuditWriter('audit: Allow X user=%o roles=[]');
    } finally {
      debugFactory.log = log;
      debugFactory.disable();
      if (enabled) debugFactory.enable(enabled);
    }
    expect(printed).to.have.length(1);
    expect(format(...printed[0])).to.containEql(
      'loopback:example:access-control:audit audit: Allow X user=%o roles=[]',
    );
  });
});
