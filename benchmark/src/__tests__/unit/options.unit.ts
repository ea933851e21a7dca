// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  DEFAULT_BENCHMARK_OPTIONS,
  environmentName,
  flagName,
  readOptions,
} from '../../options';

describe('readOptions', () => {
  it('names the environment variables and flags after the options', () => {
    expect(environmentName('httpRounds')).to.equal('BENCH_HTTP_ROUNDS');
    expect(flagName('httpRounds')).to.equal('--http-rounds');
  });

  it('returns the defaults when nothing is set', () => {
    expect(readOptions({}, [])).to.eql(DEFAULT_BENCHMARK_OPTIONS);
  });

  it('reads environment variables, and flags over them', () => {
    const options = readOptions(
      {
        BENCH_ROUNDS: '5',
        BENCH_VOTERS: '2,20',
        BENCH_PIN: '0',
        BENCH_POLICY_ROUNDS: '41',
      },
      ['--rounds=9', '--http-duration=0.5', '--only=invoke'],
    );
    expect(options).to.containDeep({
      rounds: 9,
      policyRounds: 41,
      voters: [2, 20],
      pin: false,
      httpDuration: 0.5,
      only: 'invoke',
    });
  });

  it('rejects a malformed value, naming its variable', () => {
    expect(() => readOptions({BENCH_HTTP_ROUNDS: 'many'}, [])).to.throw(
      /BENCH_HTTP_ROUNDS: expected a positive number/,
    );
    expect(() => readOptions({}, ['--only=some'])).to.throw(
      /BENCH_ONLY: expected all, invoke, http, policy, crowded, propagation, list or log/,
    );
  });
});
