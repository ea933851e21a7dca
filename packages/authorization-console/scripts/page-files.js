// Copyright The loopback-security-monorepo authors. License: MIT.

// The files of the console's page in dist/ui: those copied from
// console/static and those compiled from console/src (one .js a .ts, no
// map, no declaration: see console/tsconfig.json). `node scripts/pack.js`
// removes every other file from dist/ui, so that an old build's leftovers
// never ship; the package serves only the names of `CONSOLE_FILES`
// (src/page/console-assets.ts), which a test holds equal to this list.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * The names of the files the page's sources produce in dist/ui, sorted
 * @param {string} dir - The package folder
 * @returns {string[]}
 */
function pageFiles(dir) {
  const copied = fs.readdirSync(path.join(dir, 'console', 'static'));
  const compiled = fs
    .readdirSync(path.join(dir, 'console', 'src'))
    .filter(name => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map(name => `${name.slice(0, -'.ts'.length)}.js`);
  return [...copied, ...compiled].sort();
}

/**
 * Remove from dist/ui every file that no source of the page produces
 * @param {string} dir - The package folder
 * @returns {string[]} The removed files, relative to the package
 */
function removeStalePageFiles(dir) {
  const ui = path.join(dir, 'dist', 'ui');
  if (!fs.existsSync(ui)) return [];
  const produced = new Set(pageFiles(dir));
  const removed = [];
  for (const entry of fs.readdirSync(ui, {withFileTypes: true})) {
    if (produced.has(entry.name) && entry.isFile()) continue;
    fs.rmSync(path.join(ui, entry.name), {recursive: true, force: true});
    removed.push(path.join('dist', 'ui', entry.name));
  }
  return removed;
}

module.exports = {pageFiles, removeStalePageFiles};
