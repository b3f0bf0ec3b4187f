/**
 * `pnpm build`, and so the first half of `pnpm start`: builds what changed since the last build, and
 * nothing when nothing did, so that a second start serves in about a second instead of rebuilding
 * for half a minute.
 *
 * Each step (the server packages with `tsc -b`, then the web app with its own build) records, after
 * it succeeds, a fingerprint of its inputs' contents in a stamp inside its output. A step is skipped
 * only when its outputs exist, its stamp holds the fingerprint of the inputs as they are now, and no
 * output is newer than the stamp (a build run some other way, e.g. `pnpm typecheck`, from other
 * sources). The stamp is removed before a step runs and the fingerprint is taken before it starts,
 * so a failed or interrupted build means building again: a stale build is never taken for a current
 * one. An input edited while its step ran is found when the step ends (the fingerprint is taken
 * again): the step's `forget` files (tsc's incremental state, which judges by file times and would
 * take the edit, older than itself, as built) are removed and the step runs again.
 *
 * Plain JavaScript run by node, not TypeScript run by tsx: tsx's own start would take a fifth of
 * the two seconds a second start may take. Checked by `tsc -p tsconfig.tests.json` (checkJs).
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * @typedef {object} Step
 * @property {string} name
 * @property {string[]} inputs files and folders (relative to the root) the output is built from
 * @property {(path: string) => boolean} [ignore] inputs that do not affect the output (relative path)
 * @property {string[]} outputs files that must exist, and must not be newer than the stamp
 * @property {string} stamp where the fingerprint is kept once the step succeeded
 * @property {string[]} command what builds it, run from the root
 * @property {string[]} [forget] what to remove before running it again when an input changed while it ran
 */

const SKIPPED_FOLDERS = new Set(['dist', 'node_modules', 'test-results']);

/**
 * Every file under the inputs, sorted, as paths relative to the root.
 * @param {string} root
 * @param {Step} step
 */
function inputFiles(root, step) {
  /** @type {string[]} */
  const files = [];
  /** @param {string} path */
  const walk = (path) => {
    const full = join(root, path);
    if (!existsSync(full)) return;
    if (!statSync(full).isDirectory()) {
      if (!path.endsWith('.tsbuildinfo') && !step.ignore?.(path)) files.push(path);
      return;
    }
    for (const entry of readdirSync(full)) if (!SKIPPED_FOLDERS.has(entry)) walk(join(path, entry));
  };
  for (const input of step.inputs) walk(input);
  return files.sort();
}

/**
 * The fingerprint of a step's inputs: a hash of every file's path and content.
 * @param {string} root
 * @param {Step} step
 */
export function fingerprint(root, step) {
  const hash = createHash('sha256');
  for (const file of inputFiles(root, step)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Whether the step's output is what its inputs build now.
 * @param {string} root
 * @param {Step} step
 * @param {string} current the inputs' fingerprint now
 */
export function upToDate(root, step, current) {
  const stamp = join(root, step.stamp);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== current) return false;
  const stamped = statSync(stamp).mtimeMs;
  return step.outputs.every((output) => {
    const file = join(root, output);
    return existsSync(file) && statSync(file).mtimeMs <= stamped;
  });
}

/**
 * Builds each step that is not up to date, in order; returns what it did, or throws when a build fails.
 * @param {string} root
 * @param {Step[]} steps
 * @param {(line: string) => void} say
 */
export function build(root, steps, say = console.log) {
  /** @type {Record<string, 'built' | 'up to date'>} */
  const done = {};
  for (const step of steps) {
    let current = fingerprint(root, step);
    if (upToDate(root, step, current)) {
      say(`${step.name} is up to date`);
      done[step.name] = 'up to date';
      continue;
    }
    for (let attempt = 1; ; attempt++) {
      rmSync(join(root, step.stamp), { force: true });
      const [command = '', ...args] = step.command;
      const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`${step.name}: the build failed (${step.command.join(' ')})`);
      const after = fingerprint(root, step);
      if (after === current) break;
      if (attempt === 3) throw new Error(`${step.name}: its inputs kept changing while it was built`);
      say(`${step.name}: an input changed while it was built; building it again`);
      for (const file of step.forget ?? []) rmSync(join(root, file), { force: true });
      current = after;
    }
    writeFileSync(join(root, step.stamp), `${current}\n`);
    done[step.name] = 'built';
  }
  return done;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const projects = ['packages/core', 'packages/db', 'packages/api', 'apps/server', 'apps/cli'];
const shared = ['package.json', 'pnpm-lock.yaml', 'tsconfig.base.json', 'tsconfig.build.json'];
/** The server projects' unit tests are part of no build (their tsconfigs exclude them). */
const unitTest = (/** @type {string} */ path) =>
  path.endsWith('.test.ts') && projects.some((project) => path.startsWith(`${project}/src/`));

/** @type {Step[]} */
export const STEPS = [
  {
    name: 'server',
    inputs: [...shared, ...projects],
    ignore: unitTest,
    outputs: [
      ...projects.map((p) => `${p}/tsconfig.tsbuildinfo`),
      ...['packages/core', 'packages/db', 'packages/api'].map((p) => `${p}/dist/index.js`),
      'apps/server/dist/main.js',
      'apps/cli/dist/main.js',
    ],
    stamp: 'apps/server/dist/.build-stamp',
    command: [process.execPath, join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
    forget: projects.map((p) => `${p}/tsconfig.tsbuildinfo`),
  },
  {
    // What `pnpm start` runs: the server as one file (scripts/bundle-server.js), made from what the
    // step before wrote (so judged by it, not by the sources: an edit during tsc is not bundled).
    name: 'server bundle',
    inputs: [
      ...shared,
      'apps/server/package.json',
      'scripts/bundle-server.js',
      ...['packages/core', 'packages/db', 'packages/api', 'apps/server'].map((p) => `${p}/dist`),
    ],
    ignore: (path) => /^apps\/server\/dist\/(tangible\.js|\.)/.test(path),
    outputs: ['apps/server/dist/tangible.js'],
    stamp: 'apps/server/dist/.bundle-stamp',
    command: [process.execPath, join(root, 'scripts/bundle-server.js')],
  },
  {
    // The web app's type check reads the server packages' declarations, and its browser tests the server's.
    name: 'web',
    inputs: [...shared, ...projects, 'apps/web'],
    ignore: unitTest,
    outputs: ['apps/web/dist/index.html'],
    stamp: 'apps/web/dist/.build-stamp',
    command: ['pnpm', '--filter', '@tangible/web', 'build'],
  },
];

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    build(root, STEPS, (line) => console.log(`build: ${line}`));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
