// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {describeMachine} from '../../machine';
import {DEFAULT_BENCHMARK_OPTIONS} from '../../options';
import {formatPropagation, formatReport} from '../../report';

describe('report', () => {
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

  it('captions the policy table with the rounds the policy engines ran', () => {
    const report = formatReport({
      date: '2026-12-01T14:53:00.000Z',
      command: 'npm run bench',
      machine: describeMachine(),
      options: {...DEFAULT_BENCHMARK_OPTIONS, rounds: 301, policyRounds: 41},
      invocation: [],
      policy: [
        {
          rules: 10,
          decision: {ours: 100, casbin: 1000, casl: 100},
          conditional: {ours: 100, casl: 100},
          filter: {ours: 100, casl: 100},
        },
      ],
      targets: [],
      problems: [],
    });
    expect(report).to.match(
      /64 questions \(about half allowed\) of a user with 2 roles: time per call, median of 41 alternating rounds/,
    );
    expect(report).to.not.match(/median of 301/);
  });
});
