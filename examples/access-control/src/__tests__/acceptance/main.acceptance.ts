// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {ChildProcess, spawn} from 'node:child_process';
import {once} from 'node:events';
import {AddressInfo, createServer} from 'node:net';
import {join} from 'node:path';

const INDEX = join(__dirname, '..', '..', 'index.js');

/**
 * A started `node dist/index.js` and what it printed
 */
interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/**
 * Run the application as `node dist/index.js` on a free port, and wait until
 * it prints its URL
 * @param env - More environment variables
 */
async function givenStartedProcess(
  env: Record<string, string> = {},
): Promise<RunningProcess> {
  const child = spawn(process.execPath, [INDEX], {
    env: {...process.env, HOST: '127.0.0.1', PORT: '0', ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', chunk => (text += chunk));
  child.stderr!.on('data', chunk => (text += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Server is running at (\S+)/.exec(text);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 20);
    child.once('exit', code => {
      clearInterval(timer);
      reject(new Error(`Exited with ${code} before listening: ${text}`));
    });
  });
  return {child, output: () => text, url};
}

/**
 * A port nobody listens on right now
 */
async function givenFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const {port} = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

describe('node dist/index.js', function (this: Mocha.Suite) {
  // Each test starts a Node.js process, which loads LoopBack: seconds.
  this.timeout(30000);
  let running: RunningProcess | undefined;

  afterEach(() => {
    if (running && running.child.exitCode === null) running.child.kill();
    running = undefined;
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`serves on 127.0.0.1, then stops on ${signal} with exit code 0`, async () => {
      running = await givenStartedProcess();
      expect(running.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${running.url}/ping`);
      expect(res.status).to.equal(200);
      expect(await res.json()).to.containDeep({greeting: 'pong'});

      const exited = once(running.child, 'exit');
      running.child.kill(signal);
      const [code] = await exited;
      expect(code).to.equal(0);
      expect(running.output()).to.match(new RegExp(`${signal} received`));
    });
  }

  it('prints the explorer URL and how to log in', async () => {
    running = await givenStartedProcess();
    const {url} = running;
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(running.output()).to.containEql(`API Explorer: ${url}/explorer`);
    expect(running.output()).to.containEql(
      `Authorization console (ADMIN): ${url}/authorization/console`,
    );
    expect(running.output()).to.containEql(
      `curl -s -X POST ${url}/users/login`,
    );
  });

  it('takes an empty HOST for the default, 127.0.0.1', async () => {
    running = await givenStartedProcess({HOST: ''});
    expect(running.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('has the demo users in place the moment /ping first answers', async () => {
    const port = await givenFreePort();
    const child = spawn(process.execPath, [INDEX], {
      env: {...process.env, HOST: '127.0.0.1', PORT: String(port)},
      stdio: 'ignore',
    });
    running = {child, output: () => '', url: `http://127.0.0.1:${port}`};
    const url = running.url;
    // Poll as a script would, and log in at the first answer
    for (;;) {
      if (child.exitCode !== null) throw new Error('The server exited');
      const res = await fetch(`${url}/ping`).catch(() => undefined);
      if (res?.status === 200) break;
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    const login = await fetch(`${url}/users/login`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({username: 'alice', password: 'alice-password'}),
    });
    expect(login.status).to.equal(200);
  });

  it('refuses to start with a JWT_SECRET shorter than 32 bytes', async () => {
    const child = spawn(process.execPath, [INDEX], {
      env: {...process.env, PORT: '0', JWT_SECRET: 'short'},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stderr.on('data', chunk => (text += chunk));
    const [code] = await once(child, 'exit');
    expect(code).to.equal(1);
    expect(text).to.match(/JWT_SECRET is too short/);
  });
});
