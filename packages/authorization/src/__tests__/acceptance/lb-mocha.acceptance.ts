// Copyright The loopback-security-monorepo authors. License: MIT.

// LoopBack's own test runner, `lb-mocha` of @loopback/build, fails a run in
// which anything writes to the console unless it is given
// `--allow-console-logs`. An application whose tests boot the application
// must stay green when it swaps the published package for ours.

import {expect} from '@loopback/testlab';
import {spawn} from 'node:child_process';
import {join} from 'node:path';

const PACKAGE_DIR = join(__dirname, '../../..');
const LB_MOCHA = require.resolve('@loopback/build/bin/run-mocha');
const SPEC = join(
  __dirname,
  '../fixtures/lb-mocha/app-with-unprotected-route.spec.js',
);

interface Run {
  code: number | null;
  output: string;
}

/**
 * Run the fixture suite with lb-mocha, as LoopBack's packages run theirs:
 * without `--allow-console-logs`
 */
function runLbMocha(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LB_MOCHA, SPEC], {
      cwd: PACKAGE_DIR,
      // DEBUG unset: a developer's DEBUG must not change what the runner sees
      env: {...process.env, DEBUG: '', ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    child.on('error', reject);
    child.on('close', code => resolve({code, output}));
  });
}

describe('lb-mocha without --allow-console-logs', () => {
  it('passes on an application that boots our component with an unprotected route', async () => {
    const run = await runLbMocha({
      AUTHORIZATION_PACKAGE: '@loopback/authorization',
    });
    expect(run.output).to.match(/1 passing/);
    expect(run.output).to.not.match(/INVALID USAGE OF CONSOLE LOGS/);
    expect(run.code).to.equal(0);
  }).timeout(60000);

  it('passes on the same application with the published package', async () => {
    const run = await runLbMocha({
      AUTHORIZATION_PACKAGE: '@loopback/authorization-published',
    });
    expect(run.output).to.match(/1 passing/);
    expect(run.code).to.equal(0);
  }).timeout(60000);

  it('fails the run when the application asks for the console warning', async () => {
    // The runner does catch console output: "warn" writes with console.warn
    const run = await runLbMocha({
      AUTHORIZATION_PACKAGE: '@loopback/authorization',
      UNPROTECTED_ROUTES: 'warn',
    });
    expect(run.output).to.match(/INVALID USAGE OF CONSOLE LOGS/);
    expect(run.output).to.match(/GET \/hello \(HelloController\.hello\)/);
    expect(run.code).to.not.equal(0);
  }).timeout(60000);
});
