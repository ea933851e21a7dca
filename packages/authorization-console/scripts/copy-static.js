// Copyright The loopback-security-monorepo authors. License: MIT.

// Copies the console's page and style sheet next to its compiled scripts,
// into dist/ui, as part of `npm run build`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const from = path.join(__dirname, '..', 'console', 'static');
const to = path.join(__dirname, '..', 'dist', 'ui');
fs.mkdirSync(to, {recursive: true});
for (const name of fs.readdirSync(from)) {
  fs.copyFileSync(path.join(from, name), path.join(to, name));
}
