// Writes the tarballs of the five packages meant for applications into a
// folder (default: tarballs/ at the root). Usage: node scripts/pack.js [folder]
//
// It builds the packages with their own build scripts (incremental `tsc -b`,
// quick after `npm test`; the console's also compiles its page), removes
// from dist/ what no source file produces any more (the output of a deleted
// or moved file, which an incremental build leaves behind), then packs
// without the packages' prepack scripts, which clean and rebuild everything
// for a `npm pack` run by hand.
'use strict';
const {execFileSync} = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const PACKAGES = [
  {name: '@loopback/security', dir: 'packages/security'},
  {name: '@loopback/authorization', dir: 'packages/authorization'},
  {
    name: '@loopback/authorization-policy',
    dir: 'packages/authorization-policy',
  },
  {
    name: '@loopback/authorization-postgres',
    dir: 'packages/authorization-postgres',
  },
  {
    name: '@loopback/authorization-console',
    dir: 'packages/authorization-console',
    // dist/ui holds the page, copied from console/static and compiled from
    // console/src: the package's own script says which files belong there
    pageFolder: 'ui',
    pageFiles: 'scripts/page-files.js',
  },
];
// What tsc writes for one source file src/x.ts
const OUTPUTS = ['.js', '.js.map', '.d.ts', '.d.ts.map'];

/**
 * Remove the files of dist/ that no source file produces
 * @param {string} dir - The package folder
 * @param {string} [skip] - A folder of dist/ not compiled from src/ (the
 * console's page), left alone here
 * @returns {string[]} The removed files, relative to the package
 */
function removeStaleOutput(dir, skip) {
  const removed = [];
  const walk = relative => {
    const absolute = path.join(dir, 'dist', relative);
    for (const entry of fs.readdirSync(absolute, {withFileTypes: true})) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (child !== skip) walk(child);
        continue;
      }
      const suffix = OUTPUTS.find(ending => entry.name.endsWith(ending));
      if (suffix === undefined) continue;
      const source = path.join(dir, 'src', child.slice(0, -suffix.length));
      if (!fs.existsSync(`${source}.ts`)) {
        fs.rmSync(path.join(absolute, entry.name));
        removed.push(path.join('dist', child));
      }
    }
  };
  if (fs.existsSync(path.join(dir, 'dist'))) walk('');
  return removed;
}

/**
 * Remove the stale files of a package: its compiled output, and the files
 * of its page that the page's sources do not produce
 * @param {{dir: string, pageFolder?: string, pageFiles?: string}} pkg - The
 * package, as in PACKAGES
 * @returns {string[]} The removed files, relative to the package
 */
function removeStaleFiles({dir, pageFolder, pageFiles}) {
  const absolute = path.join(ROOT, dir);
  const removed = removeStaleOutput(absolute, pageFolder);
  if (pageFiles) {
    const {removeStalePageFiles} = require(path.join(absolute, pageFiles));
    removed.push(...removeStalePageFiles(absolute));
  }
  return removed;
}

/**
 * Build and pack the packages into a folder
 * @param {string} folder - Where the tarballs go
 * @returns {{name: string, file: string, files: string[]}[]} Each package's
 * name, tarball and the paths it holds, in the order of PACKAGES
 */
function pack(folder) {
  const build = ['run', 'build', '--silent'];
  for (const {name} of PACKAGES) build.push('-w', name);
  execFileSync('npm', build, {cwd: ROOT, stdio: 'inherit'});
  for (const pkg of PACKAGES) {
    for (const file of removeStaleFiles(pkg)) {
      console.error(
        `Removed ${path.join(pkg.dir, file)}: no source produces it`,
      );
    }
  }
  fs.mkdirSync(folder, {recursive: true});
  const args = [
    'pack',
    '--json',
    '--ignore-scripts',
    '--pack-destination',
    folder,
  ];
  for (const {name} of PACKAGES) args.push('-w', name);
  const output = execFileSync('npm', args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output).map(entry => ({
    name: entry.name,
    file: path.join(folder, entry.filename),
    files: entry.files.map(f => f.path),
  }));
}

module.exports = {PACKAGES, pack};

if (require.main === module) {
  const folder = path.resolve(process.argv[2] ?? path.join(ROOT, 'tarballs'));
  for (const {file} of pack(folder)) console.log(file);
}
