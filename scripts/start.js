// Starts the example application. Until an example exists, say what to run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const example = path.join(__dirname, '..', 'examples', 'access-control');
if (!fs.existsSync(path.join(example, 'package.json'))) {
  console.log('The packages are built. Run `npm test` to test them.');
  process.exit(0);
}
require(path.join(example, 'dist', 'index.js'))
  .main()
  .catch(err => {
    console.error('Cannot start the application:', err);
    process.exit(1);
  });
