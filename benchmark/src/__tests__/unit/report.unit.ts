// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {formatInvocationTable} from '../../report';
import {givenScenario} from '../fixtures/scenario-results';

describe('report', () => {
  it('prints µs per call, calls per second, overheads and their ratio', () => {
    const table = formatInvocationTable([givenScenario(10, 10, 60, 15)]);
    expect(table).to.match(
      /\| 10 voters, with a user \| 10\.00 \| 60\.00 \| 15\.00 \| 100\.0k \| 16\.7k \| 66\.7k \| \+50\.00 \| \+5\.00 \| 0\.10× \(0\.10–0\.10\) \| 0\.10× \(0\.10–0\.10\) \|/,
    );
  });
});
