// Copyright The loopback-security-monorepo authors. License: MIT.

import {Client, expect} from '@loopback/testlab';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {CONSOLE_CSP} from '../..';
import {ConsoleTestApp, givenConsoleApp} from '../fixtures/console-app';

describe('GET /authorization/console', () => {
  let app: ConsoleTestApp;
  let client: Client;

  before(async () => {
    ({app, client} = await givenConsoleApp({loginPath: '/users/login'}));
  });
  after(() => app?.stop());

  it('serves the page to anyone, with a CSP that allows no inline script or style', async () => {
    const res = await client
      .get('/authorization/console')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    const csp = res.headers['content-security-policy'];
    expect(csp).to.equal(CONSOLE_CSP);
    expect(csp).to.not.match(/unsafe-inline|unsafe-eval|\*|http:|https:/);
    expect(csp).to.match(/default-src 'none'/);
    expect(csp).to.match(/script-src 'self'/);
    expect(csp).to.match(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['x-frame-options']).to.equal('DENY');
  });

  it('holds no data: only the paths of the console and of the login form', async () => {
    const res = await client.get('/authorization/console').expect(200);
    expect(res.text).to.match(
      /<meta name="console-base" content="\/authorization"/,
    );
    expect(res.text).to.match(
      /<meta name="console-login" content="\/users\/login"/,
    );
    expect(res.text).to.not.match(/<script>|<style>| style=| on[a-z]+=/i);
    expect(res.text).to.not.match(/%BASE%|%LOGIN%/);
  });

  it('serves its scripts and style sheet from the same origin', async () => {
    await client
      .get('/authorization/console/main.js')
      .expect(200)
      .expect('Content-Type', /text\/javascript/)
      .expect('Content-Security-Policy', CONSOLE_CSP);
    await client
      .get('/authorization/console/console.css')
      .expect(200)
      .expect('Content-Type', /text\/css/);
  });

  it('answers 404 for any other file', async () => {
    for (const name of ['nothing.js', '..%2Fpackage.json', 'index.html']) {
      await client.get(`/authorization/console/${name}`).expect(404);
    }
  });

  it('builds every element with text only: no HTML from data, no eval, no other host', () => {
    const dir = join(__dirname, '../../ui');
    const scripts = readdirSync(dir).filter(name => name.endsWith('.js'));
    expect(scripts).to.containEql('main.js');
    for (const name of scripts) {
      const code = readFileSync(join(dir, name), 'utf8');
      expect({name, found: code.match(FORBIDDEN)}).to.eql({name, found: null});
    }
  });
});

/**
 * What the console's scripts never use: HTML parsing, code from strings,
 * URLs of other hosts
 */
const FORBIDDEN =
  /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|\beval\(|new Function|setTimeout\(['"`]|https?:\/\//;
