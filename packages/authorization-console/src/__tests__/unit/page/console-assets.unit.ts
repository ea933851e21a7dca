// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CONSOLE_FILES, ConsoleAssets} from '../../..';

const PACKAGE_DIR = join(__dirname, '..', '..', '..', '..');

/**
 * The package's script that says which files belong to the page, as
 * `node scripts/pack.js` runs it
 */
const pageScript = require(join(PACKAGE_DIR, 'scripts', 'page-files.js')) as {
  pageFiles(dir: string): string[];
  removeStalePageFiles(dir: string): string[];
};

describe('ConsoleAssets', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-assets-'));
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  /**
   * A copy of the built page, in a folder of its own
   */
  function givenBuiltPage(): string {
    const ui = join(dir, 'ui');
    cpSync(join(PACKAGE_DIR, 'dist', 'ui'), ui, {recursive: true});
    return ui;
  }

  it('serves only the files of the page, not another file left in its folder', () => {
    const ui = givenBuiltPage();
    for (const name of ['old.html', 'old.js', 'old.css']) {
      writeFileSync(join(ui, name), 'left by an old build');
    }
    const assets = new ConsoleAssets('/authorization', undefined, ui);
    for (const name of ['old.html', 'old.js', 'old.css']) {
      expect(assets.file(name)).to.be.undefined();
    }
    expect(assets.file('main.js')?.type).to.match(/^text\/javascript/);
    expect(assets.file('console.css')?.type).to.match(/^text\/css/);
    expect(assets.page.body.toString()).to.match(/\/authorization\/console/);
  });

  it('names every file the sources of the page produce, and no other', () => {
    expect([...CONSOLE_FILES].sort()).to.eql(pageScript.pageFiles(PACKAGE_DIR));
  });

  it('refuses to start without a file of the page, naming it', () => {
    const ui = givenBuiltPage();
    rmSync(join(ui, 'main.js'));
    expect(() => new ConsoleAssets('/authorization', undefined, ui)).to.throw(
      /not built: no .*main\.js/,
    );
  });
});

describe('the removal of what the page does not produce (scripts/pack.js)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-pack-'));
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  function givenFiles(folder: string, names: string[]): void {
    mkdirSync(join(dir, folder), {recursive: true});
    for (const name of names) writeFileSync(join(dir, folder, name), '');
  }

  it('removes from dist/ui every file neither console/static nor console/src produces', () => {
    givenFiles('console/static', ['index.html', 'console.css']);
    givenFiles('console/src', ['main.ts', 'types.ts']);
    givenFiles('dist/ui', [
      'index.html',
      'console.css',
      'main.js',
      'types.js',
      'old.html',
      'old.css',
      'gone.js',
      'main.js.map',
    ]);
    const removed = pageScript.removeStalePageFiles(dir);
    expect(removed.sort()).to.eql(
      ['gone.js', 'main.js.map', 'old.css', 'old.html'].map(name =>
        join('dist', 'ui', name),
      ),
    );
    expect(readdirSync(join(dir, 'dist', 'ui')).sort()).to.eql([
      'console.css',
      'index.html',
      'main.js',
      'types.js',
    ]);
    expect(
      existsSync(join(dir, 'console', 'static', 'index.html')),
    ).to.be.true();
  });
});
