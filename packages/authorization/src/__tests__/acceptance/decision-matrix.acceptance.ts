// Copyright The loopback-security-monorepo authors. License: MIT.

import {Context} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {AuthorizationDecision, AuthorizationOptions, authorize} from '../..';
import {
  bindTaggedVoters,
  givenAuthorizationApp,
  givenUser,
  givenVoter,
  invokeAs,
} from '../fixtures/authorization-app';
import {ALLOW, DENY, ABSTAIN} from '../fixtures/decisions';

type Decision = AuthorizationDecision.ALLOW | AuthorizationDecision.DENY;

class OrderController {
  bodyRuns = 0;

  @authorize({resource: 'order'})
  cancelOrder(id: string) {
    this.bodyRuns++;
    return `cancelled ${id}`;
  }
}

/**
 * Every row of the decision matrix of the package README, each tried under
 * every combination of options its "Options" column allows
 */
const SEED_MATRIX: {
  votes: AuthorizationDecision[];
  options: Partial<Record<'precedence' | 'defaultDecision', Decision>>;
  expected: Decision;
}[] = [
  {votes: [DENY, DENY, DENY], options: {}, expected: DENY},
  {votes: [ALLOW, ALLOW, ALLOW], options: {}, expected: ALLOW},
  {votes: [ABSTAIN, ALLOW, ABSTAIN], options: {}, expected: ALLOW},
  {votes: [ABSTAIN, DENY, ABSTAIN], options: {}, expected: DENY},
  {votes: [DENY, ALLOW, ABSTAIN], options: {precedence: DENY}, expected: DENY},
  {
    votes: [DENY, ALLOW, ABSTAIN],
    options: {precedence: ALLOW},
    expected: ALLOW,
  },
  {votes: [ALLOW, ABSTAIN, DENY], options: {precedence: DENY}, expected: DENY},
  {
    votes: [ALLOW, ABSTAIN, DENY],
    options: {precedence: ALLOW},
    expected: ALLOW,
  },
  {
    votes: [ABSTAIN, ABSTAIN, ABSTAIN],
    options: {defaultDecision: DENY},
    expected: DENY,
  },
  {
    votes: [ABSTAIN, ABSTAIN, ABSTAIN],
    options: {defaultDecision: ALLOW},
    expected: ALLOW,
  },
];

function expand(
  fixed: Partial<Record<'precedence' | 'defaultDecision', Decision>>,
): AuthorizationOptions[] {
  const both: Decision[] = [ALLOW, DENY];
  const result: AuthorizationOptions[] = [];
  for (const precedence of fixed.precedence ? [fixed.precedence] : both) {
    for (const defaultDecision of fixed.defaultDecision
      ? [fixed.defaultDecision]
      : both) {
      result.push({precedence, defaultDecision});
    }
  }
  return result;
}

/**
 * Cancels an order as a user
 */
function cancelAsUser(app: Context) {
  return invokeAs(app, new OrderController(), 'cancelOrder', givenUser());
}

describe('The decision matrix (invokeMethod)', () => {
  for (const row of SEED_MATRIX) {
    for (const options of expand(row.options)) {
      it(`${row.votes.join(', ')} with ${JSON.stringify(options)} -> ${row.expected}`, async () => {
        const app = givenAuthorizationApp(
          options,
          row.votes.map((vote, i) => givenVoter(`v${i}`, vote)),
        );
        const controller = new OrderController();
        const call = invokeAs(app, controller, 'cancelOrder', givenUser(), [
          'o1',
        ]);
        if (row.expected === ALLOW) {
          expect(await call).to.equal('cancelled o1');
          expect(controller.bodyRuns).to.equal(1);
        } else {
          await expect(call).to.be.rejectedWith({
            message: 'Access denied',
            statusCode: 403,
          });
          expect(controller.bodyRuns).to.equal(0);
        }
      });
    }
  }

  it('uses Deny for both options by default', async () => {
    const app = givenAuthorizationApp(undefined, [
      givenVoter('abstains', ABSTAIN),
    ]);
    await expect(cancelAsUser(app)).to.be.rejectedWith({
      message: 'Access denied',
      statusCode: 403,
    });
    bindTaggedVoters(app, [
      givenVoter('allows', ALLOW),
      givenVoter('denies', DENY),
    ]);
    await expect(cancelAsUser(app)).to.be.rejectedWith({
      message: 'Access denied',
    });
  });

  const STOPS: {
    title: string;
    precedence: Decision;
    votes: AuthorizationDecision[];
    asked: string[];
  }[] = [
    {
      title: 'stops at the first vote equal to the precedence',
      precedence: DENY,
      votes: [ALLOW, DENY, ALLOW],
      asked: ['v0', 'v1'],
    },
    {
      title: 'asks every voter when none votes the precedence',
      precedence: ALLOW,
      votes: [DENY, ABSTAIN, DENY],
      asked: ['v0', 'v1', 'v2'],
    },
  ];
  for (const {title, precedence, votes, asked} of STOPS) {
    it(title, async () => {
      const calls: string[] = [];
      const app = givenAuthorizationApp(
        {precedence},
        votes.map((vote, i) => givenVoter(`v${i}`, vote, calls)),
      );
      await expect(cancelAsUser(app)).to.be.rejectedWith({
        message: 'Access denied',
      });
      expect(calls).to.eql(asked);
    });
  }

  it('answers a denial with defaultStatusCodeForDeny', async () => {
    const app = givenAuthorizationApp({defaultStatusCodeForDeny: 404}, [
      givenVoter('denies', DENY),
    ]);
    await expect(cancelAsUser(app)).to.be.rejectedWith({
      message: 'Access denied',
      statusCode: 404,
    });
  });
});
