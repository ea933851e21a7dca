// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {formatInvocationTable, formatPropagation} from '../../report';
import {givenScenario} from '../fixtures/scenario-results';

describe('report', () => {
  it('prints µs per call, calls per second, overheads and their ratio', () => {
    const table = formatInvocationTable([givenScenario(10, 10, 60, 15)]);
    expect(table).to.match(
      /\| 10 voters, with a user \| 10\.00 \| 60\.00 \| 15\.00 \| 100\.0k \| 16\.7k \| 66\.7k \| \+50\.00 \| \+5\.00 \| 0\.10× \(0\.10–0\.10\) \| 0\.10× \(0\.10–0\.10\) \|/,
    );
  });

  it('prints the propagation delays, or a clear line when skipped', () => {
    const table = formatPropagation({
      changes: 200,
      instances: 3,
      server: 'embedded',
      delays: {count: 400, median: 12.34, p99: 40.06, max: 51},
    });
    expect(table).to.match(
      /\| role change, 1 writer → 2 instances \| 400 \| 12\.3 \| 40\.1 \| 51\.0 \|/,
    );
    expect(
      formatPropagation({skipped: 'no PostgreSQL could be started'}),
    ).to.equal(
      'Propagation between instances: SKIPPED, no PostgreSQL could be started',
    );
  });
});
