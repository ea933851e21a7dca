// Copyright The loopback-security-monorepo authors. License: MIT.

// The five packages as an application gets them. In a temporary folder,
// outside the workspace, it
//   1. packs the tarballs (scripts/pack.js) and checks what each holds;
//   2. writes the application's package.json that the authorization README's
//      Install section documents (tarballs, overrides, LoopBack's versions
//      with @loopback/boot and @loopback/service-proxy), and installs it;
//      any EBADENGINE fails the check, and so does more than one copy of
//      @loopback/security, @loopback/authorization or @loopback/repository
//      in `npm ls`;
//   3. writes the READMEs' tsconfig.json and Basic use code as the
//      application's sources and compiles them with TypeScript;
//   4. runs requests through them (install-check/requests.js): roles by
//      voters, a guarded repository with policy rules on the memory
//      connector and on PostgreSQL (DATABASE_URL, or an embedded server),
//      and the agreement check of the policy package's testing entry point.
// npm uses its usual cache, so only the first run downloads.
// INSTALL_CHECK_KEEP=1 keeps the temporary folder, to look into a failure.
'use strict';
const {spawnSync} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {packageJsonFor, writeSources} = require('./install-check/consumer-app');
const {pack} = require('./pack');

// What every tarball holds, and what it must not
const REQUIRED = [
  'package.json',
  'README.md',
  'LICENSE',
  'dist/index.js',
  'dist/index.d.ts',
];
const FORBIDDEN = /(^|\/)__tests__\/|\.tsbuildinfo$/;
// What some hold besides: their public entry points
const ENTRY_POINTS = {
  '@loopback/authorization-policy': ['dist/testing/index.js'],
  '@loopback/authorization-postgres': [
    'dist/policy/index.js',
    'dist/testing/index.js',
  ],
  // The console's page, its script and its style sheet
  '@loopback/authorization-console': [
    'dist/ui/index.html',
    'dist/ui/main.js',
    'dist/ui/console.css',
  ],
};
// One copy of each in the application's tree
const SINGLE = [
  '@loopback/security',
  '@loopback/authorization',
  '@loopback/repository',
];

class CheckFailure extends Error {}

function checkTarballs(tarballs) {
  for (const {name, file, files} of tarballs) {
    const missing = [...REQUIRED, ...(ENTRY_POINTS[name] ?? [])].filter(
      f => !files.includes(f),
    );
    const extra = files.filter(f => FORBIDDEN.test(f));
    if (missing.length || extra.length) {
      throw new CheckFailure(
        `${path.basename(file)}: missing ${missing.join(', ') || 'nothing'}; ` +
          `test files or build state: ${extra.join(', ') || 'none'}`,
      );
    }
  }
}

function install(app) {
  const result = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline'],
    {cwd: app, encoding: 'utf8'},
  );
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) {
    throw new CheckFailure(`npm install failed:\n${output}`);
  }
  if (/EBADENGINE/.test(output)) {
    throw new CheckFailure(`npm install warned about engines:\n${output}`);
  }
  // npm 11.16+ lists the packages whose install scripts no allowScripts
  // entry approves: none may be ours
  const scripts = [
    ...output.matchAll(/install-scripts\s+(@?[^@\s]+)@\S+ \(/g),
  ].map(m => m[1]);
  const ours = scripts.filter(name => name.startsWith('@loopback/'));
  if (ours.length) {
    throw new CheckFailure(`npm lists install scripts of ${ours.join(', ')}`);
  }
  return scripts;
}

function checkSingleCopies(app, tarballs) {
  for (const name of SINGLE) {
    const ls = spawnSync('npm', ['ls', name, '--all', '--parseable'], {
      cwd: app,
      encoding: 'utf8',
    });
    const copies = ls.stdout.split('\n').filter(line => line.trim());
    if (copies.length !== 1) {
      throw new CheckFailure(
        `npm ls ${name} shows ${copies.length} copies:\n${ls.stdout}${ls.stderr}`,
      );
    }
    const packed = tarballs.find(t => t.name === name);
    if (!packed) continue;
    const installed = JSON.parse(
      fs.readFileSync(path.join(copies[0], 'package.json'), 'utf8'),
    );
    const expected = path.basename(packed.file).match(/-(\d+\.\d+\.\d+)\.tgz$/);
    if (installed.version !== expected?.[1]) {
      throw new CheckFailure(
        `${name} ${installed.version} is installed, not the tarball's`,
      );
    }
  }
}

function compile(app) {
  const result = spawnSync(
    process.execPath,
    [path.join('node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
    {cwd: app, encoding: 'utf8'},
  );
  if (result.status !== 0) {
    throw new CheckFailure(
      `The READMEs' code does not compile:\n${result.stdout}${result.stderr}`,
    );
  }
}

function runRequests(app) {
  const script = path.join(app, 'check-requests.js');
  fs.copyFileSync(path.join(__dirname, 'install-check', 'requests.js'), script);
  const result = spawnSync(process.execPath, [script], {
    cwd: app,
    encoding: 'utf8',
    timeout: 180000,
  });
  if (result.status !== 0) {
    throw new CheckFailure(
      `Requests through the READMEs' applications failed:\n` +
        `${result.stdout}${result.stderr}${result.error ?? ''}`,
    );
  }
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

function main() {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-install-check-'));
  // Run as root, the embedded PostgreSQL server runs as a user of its own,
  // which must reach the server's files in the application's node_modules
  fs.chmodSync(tmp, 0o755);
  try {
    const tarballs = pack(path.join(tmp, 'tarballs'));
    checkTarballs(tarballs);
    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    const manifest = packageJsonFor(tarballs, !process.env.DATABASE_URL);
    fs.writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify(manifest, null, 2) + '\n',
    );
    const scripts = install(app);
    checkSingleCopies(app, tarballs);
    const sources = writeSources(app);
    compile(app);
    const answers = runRequests(app);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      [
        `Tarball install check passed on Node ${process.version} in ${seconds} s:`,
        `  installed ${tarballs.map(t => path.basename(t.file)).join(', ')}`,
        `  with ${Object.entries(manifest.dependencies)
          .filter(([, spec]) => !spec.startsWith('file:'))
          .map(([name, spec]) => `${name}@${spec}`)
          .join(
            ', ',
          )}; overrides ${Object.keys(manifest.overrides ?? {}).join(', ')}`,
        `  no EBADENGINE; one copy each of ${SINGLE.join(', ')}`,
        `  install scripts npm lists (none ours): ${scripts.join(', ') || 'none'}`,
        '  compiled with the README tsconfig:',
        ...sources.map(s => `    ${s}`),
        `  answers: ${JSON.stringify(answers)}`,
      ].join('\n'),
    );
  } catch (err) {
    console.error(`Tarball install check failed: ${err.message}`);
    if (!(err instanceof CheckFailure)) console.error(err.stack);
    process.exitCode = 1;
  } finally {
    if (process.env.INSTALL_CHECK_KEEP) console.error(`Kept ${tmp}`);
    else fs.rmSync(tmp, {recursive: true, force: true});
  }
}

main();
