#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security scanner, a dev dependency) on the app, offline.
// Exit 1 on any HIGH finding or any file it could not parse (an unparsed file is an unchecked file).
//
// Why a script and not `npx electronegativity`:
// - its hoisted @typescript-eslint/typescript-estree would load the project's TypeScript 7, which has no
//   JS API; the TypeScript 4.2 nested under the scanner's own node_modules is resolved instead;
// - it fetches translations (S3) and the Electron release list (GitHub) with `got`: `got` is replaced
//   by a refusal and every socket / DNS lookup throws, so a scan can never reach the network;
// - its CLI front end expects commander 2 (the project hoists 14): the runner is called directly.
//
// Usage: node scripts/security-scan.cjs [folder]
//   Without a folder it scans what the app ships from (package.json, package-lock.json, main/, shared/,
//   renderer/, bin/) copied to a temporary folder, so test output and build folders lying in the working
//   tree do not change the answer. One run over all of it: the global checks (navigation limits, CSP,
//   permission handler) need the main process and the renderer together.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const Module = require('node:module');
const net = require('node:net');
const dns = require('node:dns');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SCANNER = path.dirname(require.resolve('@doyensec/electronegativity/package.json', { paths: [ROOT] }));

// No network, ever: a connection attempt is a failure of this script, not a warning.
let networkAttempts = 0;
const refuse = (what) => { networkAttempts++; throw new Error(`network refused (offline scan): ${what}`); };
net.Socket.prototype.connect = function () { refuse('socket connect'); };
dns.lookup = function (host) { refuse(`dns lookup ${host}`); };
globalThis.fetch = async (url) => refuse(`fetch ${url}`);
const offlineGot = (url) => Promise.reject(new Error(`offline: not fetching ${url}`));

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, isMain, options) {
  if (request === 'typescript' || request.startsWith('typescript/')) {
    return resolve.call(this, request, parent, isMain, { paths: [SCANNER] });
  }
  return resolve.call(this, request, parent, isMain, options);
};
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got') return Object.assign(offlineGot, { default: offlineGot });
  return load.call(this, request, parent, isMain);
};

// Its messages are English; the translation fetch (refused above) would otherwise pick LANG.
process.env.LANG = 'en-US';

/** Checks that need the network (the GitHub release list); the Electron version is checked by review. */
const NEEDS_NETWORK = ['availablesecurityfixesglobalcheck'];

async function scan(input) {
  const run = require(path.join(SCANNER, 'dist/runner.js'));
  // The translation step says so on stdout when its (refused) fetch fails; keep stdout for findings.
  const log = console.log;
  console.log = (...a) => { if (!String(a[0]).startsWith('Could not retrieve updated translations')) log(...a); };
  try {
    return await run({
      input, output: undefined, isSarif: false, customScan: [], excludeFromScan: NEEDS_NETWORK,
      severitySet: undefined, confidenceSet: undefined, isRelative: false, isVerbose: false,
      electronUpgrade: undefined, electronVersionOverride: undefined, parserPlugins: [],
    }, false);
  } finally {
    console.log = log;
  }
}

/** What the app is built from; scanned as one tree. */
const SHIPPED = ['package.json', 'package-lock.json', 'main', 'shared', 'renderer', 'bin'];

function shippedTree() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-security-scan-'));
  for (const p of SHIPPED) {
    const from = path.join(ROOT, p);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, p), { recursive: true, filter: (f) => !f.split(path.sep).includes('node_modules') });
  }
  return dir;
}

async function main() {
  const given = process.argv[2] ? path.resolve(process.argv[2]) : null;
  const input = given ?? shippedTree();
  const base = given ?? input;
  const shown = (f) => (f === 'N/A' ? '(global)' : path.relative(base, f));
  const scannerVersion = require(path.join(SCANNER, 'package.json')).version;
  // The Electron version (whose defaults some checks depend on) is read from the scanned package.json, as
  // the scanner's own CLI does; without one it assumes 0.1 (the least safe defaults) and warns.
  console.log(`electronegativity ${scannerVersion}, offline; scanning ${given ?? SHIPPED.join(', ')}`);
  try {
    return await report(await scan(input), shown);
  } finally {
    if (!given) fs.rmSync(input, { recursive: true, force: true });
  }
}

async function report(r, shown) {
  let high = 0, unparsed = 0;
  for (const e of r.errors) {
    if (e.tolerable) continue;
    unparsed++;
    console.log(`UNPARSED      ${shown(e.file)}: ${e.message}`);
  }
  const issues = r.issues.slice().sort((a, b) => b.severity.value - a.severity.value || a.file.localeCompare(b.file));
  for (const i of issues) {
    if (i.severity.name === 'HIGH') high++;
    const where = `${shown(i.file)}:${i.location.line}:${i.location.column}`;
    console.log(`${i.severity.name.padEnd(13)} ${i.confidence.name.padEnd(9)} ${i.id.padEnd(40)} ${where}${i.manualReview ? '  (review)' : ''}`);
  }
  const total = issues.length;
  console.log(`${r.atomicChecks} atomic + ${r.globalChecks} global checks: ${total} findings, ${unparsed} files unparsed`);
  if (networkAttempts > 0) {
    console.log(`FAIL: ${networkAttempts} network attempt(s) refused`);
    return 1;
  }
  if (high > 0 || unparsed > 0) {
    console.log(`FAIL: ${high} HIGH finding(s), ${unparsed} file(s) not parsed (of ${total} findings)`);
    return 1;
  }
  console.log(`ok: no HIGH finding (${total} findings below HIGH), every file parsed`);
  return 0;
}

main().then((code) => { process.exitCode = code; }, (err) => {
  console.error(`security scan failed to run: ${err && err.stack ? err.stack : err}`);
  process.exitCode = 2;
});
