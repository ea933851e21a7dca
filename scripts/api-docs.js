// Copyright The loopback-security-monorepo authors. License: MIT.

// The API reports and the API reference of the packages, with API Extractor
// and API Documenter. Every package with an api-extractor.json takes part.
//
//   node scripts/api-docs.js check    (npm run api:check) fails when a
//                                     package's public API differs from its
//                                     committed report, or its TSDoc is
//                                     incomplete; changes no file
//   node scripts/api-docs.js update   (npm run api:update) rewrites the
//                                     reports packages/<name>/<name>.api.md
//   node scripts/api-docs.js docs     (npm run docs) rewrites the reports,
//                                     then the Markdown pages in docs/apidocs
//
// Each mode first builds the packages' .d.ts files with `tsc -b`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const {spawnSync} = require('node:child_process');
const {
  ConsoleMessageId,
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  ExtractorMessageCategory,
} = require('@microsoft/api-extractor');

const ROOT = path.resolve(__dirname, '..');
const PACKAGES_DIR = path.join(ROOT, 'packages');
// Where the base config asks api-extractor to write the doc models
const MODEL_DIR = path.join(ROOT, 'temp', 'api-model');
const DOCS_DIR = path.join(ROOT, 'docs', 'apidocs');
const UPDATE_COMMAND = 'npm run api:update';

const MODES = ['check', 'update', 'docs'];

function main() {
  const mode = process.argv[2];
  if (!MODES.includes(mode)) {
    console.error(`Usage: node scripts/api-docs.js <${MODES.join('|')}>`);
    return 2;
  }
  const packages = findPackages();
  if (packages.length === 0) {
    console.error('No packages/*/api-extractor.json found.');
    return 1;
  }
  if (!build(packages)) return 1;

  // A package that lost its config must not leave a stale page behind
  if (mode === 'docs') fs.rmSync(MODEL_DIR, {recursive: true, force: true});

  const localBuild = mode !== 'check';
  let ok = true;
  for (const pkg of packages) {
    ok = extract(pkg, localBuild) && ok;
  }
  if (!ok) return 1;
  if (mode === 'check') {
    console.log('The API reports are up to date.');
    return 0;
  }
  if (mode === 'docs' && !document()) return 1;
  return 0;
}

/**
 * The folders under packages/ with an api-extractor.json, by name
 */
function findPackages() {
  return fs
    .readdirSync(PACKAGES_DIR, {withFileTypes: true})
    .filter(entry => entry.isDirectory())
    .map(entry => path.join(PACKAGES_DIR, entry.name))
    .filter(dir => fs.existsSync(path.join(dir, 'api-extractor.json')))
    .sort();
}

/**
 * `tsc -b` the packages (and what they reference); incremental, so cheap when
 * `npm run build` just ran
 */
function build(packages) {
  const tsc = require.resolve('typescript/bin/tsc');
  const dirs = packages.map(dir => path.relative(ROOT, dir));
  const result = spawnSync(process.execPath, [tsc, '-b', ...dirs], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`\nThe build failed: tsc -b ${dirs.join(' ')}`);
    return false;
  }
  return true;
}

/**
 * Run API Extractor on one package. In a local build (update, docs) it writes
 * the report; otherwise (check) it only compares.
 */
function extract(dir, localBuild) {
  const config = ExtractorConfig.loadFileAndPrepare(
    path.join(dir, 'api-extractor.json'),
  );
  const name = config.packageJson?.name ?? path.relative(ROOT, dir);
  // The base config asks for one report: the complete (public) one
  const reportFile = path.join(
    config.reportFolder,
    config.reportConfigs[0].fileName,
  );
  const report = path.relative(ROOT, reportFile);
  console.log(`\n${name}`);

  // Compiler, TSDoc and ae-* messages that fail the run (the base config
  // makes them all errors)
  let problems = 0;
  const result = Extractor.invoke(config, {
    localBuild,
    // On drift, show what changed in the public API
    printApiReportDiff: !localBuild,
    messageCallback(message) {
      if (message.category !== ExtractorMessageCategory.Console) {
        if (
          message.logLevel === ExtractorLogLevel.Error ||
          message.logLevel === ExtractorLogLevel.Warning
        ) {
          problems++;
        }
        return;
      }
      switch (message.messageId) {
        case ConsoleMessageId.Preamble:
          // "Analysis will use the bundled TypeScript version ...": noise
          message.handled = true;
          break;
        case ConsoleMessageId.ApiReportNotCopied:
          // Its advice (copy a file out of temp/) is replaced by ours below;
          // the message still counts, so the check still fails
          message.handled = true;
          break;
      }
    },
  });

  if (result.apiReportChanged) {
    if (localBuild) {
      console.log(`Updated ${report}: review it and commit it.`);
    } else {
      const what = fs.existsSync(reportFile)
        ? `The public API of ${name} differs from ${report} (diff above).`
        : `The API report ${report} is missing.`;
      console.error(
        `\nError: ${what}\n` +
          `If the change is intended, run \`${UPDATE_COMMAND}\` and commit ` +
          `${report} with it.`,
      );
    }
  } else if (result.succeeded) {
    console.log(`${report} is up to date.`);
  }
  if (problems > 0) {
    console.error(
      `\nError: API Extractor reported ${problems} problem(s) in ${name} ` +
        '(above). Every export, class member, interface field and namespace ' +
        'member needs a TSDoc summary; TSDoc tags must be standard ones and ' +
        '{@link} targets must exist.',
    );
  }
  return result.succeeded;
}

/**
 * Turn the doc models into Markdown pages: an index, a page a package and a
 * page an item (a function and the namespace of the same name share one)
 */
function document() {
  const pkgFile = require.resolve('@microsoft/api-documenter/package.json');
  const bin = path.join(
    path.dirname(pkgFile),
    require(pkgFile).bin['api-documenter'],
  );
  console.log('');
  // `generate` reads api-documenter.json from its working folder: markdown
  // output, and the plugin that keeps a function's page when a namespace of
  // the same name shares its file (authorize)
  const result = spawnSync(
    process.execPath,
    [bin, 'generate', '--input-folder', MODEL_DIR, '--output-folder', DOCS_DIR],
    {cwd: path.join(__dirname, 'api-documenter'), stdio: 'inherit'},
  );
  if (result.status !== 0) {
    console.error('\nError: api-documenter failed (see above).');
    return false;
  }
  const index = path.relative(ROOT, path.join(DOCS_DIR, 'index.md'));
  console.log(`\nThe API reference is in ${index}.`);
  return true;
}

process.exitCode = main();
