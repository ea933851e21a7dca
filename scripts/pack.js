// Writes the tarballs of @loopback/security and @loopback/authorization into
// a folder (default: tarballs/ at the root). Each package builds itself first
// (its prepack script). Usage: node scripts/pack.js [folder]
'use strict';
const {execFileSync} = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const PACKAGES = ['@loopback/security', '@loopback/authorization'];

/**
 * Pack both packages into a folder
 * @param {string} folder - Where the tarballs go
 * @returns {string[]} The paths of the tarballs, security first
 */
function pack(folder) {
  fs.mkdirSync(folder, {recursive: true});
  const args = ['pack', '--json', '--pack-destination', folder];
  for (const name of PACKAGES) args.push('-w', name);
  const output = execFileSync('npm', args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The build output of prepack comes first; the JSON list last
  const json = output.slice(output.lastIndexOf('\n[') + 1);
  return JSON.parse(json).map(entry => path.join(folder, entry.filename));
}

module.exports = {pack};

if (require.main === module) {
  const folder = path.resolve(process.argv[2] ?? path.join(ROOT, 'tarballs'));
  for (const file of pack(folder)) console.log(file);
}
