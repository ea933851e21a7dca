// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  decisionLogTargets,
  formatDecisionLog,
} from '../../log/decision-log-report';
import {runDecisionLogScenario} from '../../log/decision-log.scenario';

describe('the decision log scenario', () => {
  it('times ours without a listener, with one and with the log, and the log records', async () => {
    const result = await runDecisionLogScenario({
      warmup: 10,
      rounds: 3,
      batchMs: 1,
    });
    expect(result.recorded).to.be.greaterThan(0);
    for (const figure of Object.values(result.microseconds)) {
      expect(figure).to.be.greaterThan(0);
    }
    expect(formatDecisionLog(result)).to.match(
      /Decision log: [+-]\d+\.\d\d µs per call over no listener/,
    );
    expect(decisionLogTargets(result)).to.containDeep([
      {bound: 'at most', limit: 1, value: result.logOverNone},
    ]);
  });
});
