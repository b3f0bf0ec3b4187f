import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { build } from './build.js';

/** A project in a temporary folder whose "build" counts its runs and writes its output. */
function project() {
  const root = mkdtempSync(join(tmpdir(), 'tangible-build-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/app.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'src/app.test.ts'), 'test\n');
  const script = `const fs = require('node:fs');
    fs.appendFileSync('runs', 'x');
    if (fs.existsSync('fail')) process.exit(1);
    // Someone saves a source while the build runs; the build itself keeps incremental state.
    if (fs.existsSync('edit-during')) {
      fs.rmSync('edit-during');
      fs.writeFileSync('src/app.ts', 'export const a = 3;');
    }
    fs.writeFileSync('state', fs.existsSync('state') ? 'kept' : 'fresh');
    fs.mkdirSync('dist', { recursive: true });
    fs.writeFileSync('dist/index.html', 'built');`;
  const step = {
    name: 'app',
    inputs: ['src', 'package.json'],
    ignore: (path: string) => path.endsWith('.test.ts'),
    outputs: ['dist/index.html'],
    stamp: 'dist/.build-stamp',
    command: [process.execPath, '-e', script],
    forget: ['state'],
  };
  const runs = () => (existsSync(join(root, 'runs')) ? readFileSync(join(root, 'runs'), 'utf8').length : 0);
  const run = () => build(root, [step], () => {}).app;
  return { root, run, runs };
}

describe('pnpm build builds only what changed', () => {
  let p: ReturnType<typeof project>;
  beforeEach(() => {
    p = project();
  });

  it('builds the first time and skips the second', () => {
    expect(p.run()).toBe('built');
    expect(p.run()).toBe('up to date');
    expect(p.runs()).toBe(1);
  });

  it('builds again when an input changes, and when an input appears', () => {
    p.run();
    writeFileSync(join(p.root, 'src/app.ts'), 'export const a = 2;\n');
    expect(p.run()).toBe('built');
    writeFileSync(join(p.root, 'package.json'), '{}\n');
    expect(p.run()).toBe('built');
    expect(p.runs()).toBe(3);
  });

  it('judges inputs by their content, and ignores what the step says does not count', () => {
    p.run();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(p.root, 'src/app.ts'), later, later);
    writeFileSync(join(p.root, 'src/app.test.ts'), 'changed test\n');
    expect(p.run()).toBe('up to date');
  });

  it('builds again when the output was rebuilt some other way after the stamp', () => {
    p.run();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(p.root, 'dist/index.html'), later, later);
    expect(p.run()).toBe('built');
  });

  it('builds again when the output is missing', () => {
    p.run();
    // An output's content is not judged, only that it exists and is not newer than the stamp: emptied,
    // and dated before the stamp (written at once, it may get a later time than the stamp on a busy
    // machine, file times moving by the kernel's tick, and a newer output means building again).
    const output = join(p.root, 'dist/index.html');
    writeFileSync(output, '');
    const before = new Date(statSync(join(p.root, 'dist/.build-stamp')).mtimeMs - 1_000);
    utimesSync(output, before, before);
    expect(p.run()).toBe('up to date');
    rmSync(join(p.root, 'dist/index.html'));
    expect(p.run()).toBe('built');
  });

  it('leaves no stamp after a failed build, so the next start builds rather than serve it', () => {
    p.run();
    writeFileSync(join(p.root, 'src/app.ts'), 'broken\n');
    writeFileSync(join(p.root, 'fail'), '');
    expect(() => p.run()).toThrow(/app: the build failed/);
    expect(existsSync(join(p.root, 'dist/.build-stamp'))).toBe(false);
    expect(() => p.run()).toThrow(/app: the build failed/);
    expect(p.runs()).toBe(3);
  });

  it('builds again, without its incremental state, when an input changes while it builds', () => {
    p.run();
    writeFileSync(join(p.root, 'src/app.ts'), 'export const a = 2;\n');
    writeFileSync(join(p.root, 'edit-during'), '');
    expect(p.run()).toBe('built');
    expect(p.runs()).toBe(3);
    // The second run started without what `forget` names, and its stamp is the edited source's.
    expect(readFileSync(join(p.root, 'state'), 'utf8')).toBe('fresh');
    expect(p.run()).toBe('up to date');
    expect(p.runs()).toBe(3);
  });
});
