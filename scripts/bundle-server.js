/**
 * The server as one file (`apps/server/dist/tangible.js`), a step of `pnpm build`: what `pnpm start`
 * runs. Node 20 reads, resolves and compiles an ES module per file, and the server's graph is about
 * a thousand of them (kysely alone is hundreds), which took most of its cold start (issue 10.5). The
 * bundle is built from tsc's output: tsc stays the one compiler and type check.
 *
 * One file, no chunks: a process has read all of its code when it starts, so a build made while it
 * runs (a release built beside the processes that serve until they are replaced) cannot take a
 * piece from under it. Packages that only some work needs (PostgreSQL, email, workbooks) and the
 * native one (better-sqlite3) stay outside: the bundle imports them by name, as dependencies of
 * @tangible/server (apps/server/node_modules), loaded on first use. The bundle sits in
 * apps/server/dist, three folders under the root as packages/db/dist/location.js is, so the paths it
 * finds from its own place (the root, data/, apps/web/dist) are the same.
 */

import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = 'apps/server/dist/tangible.js';
/** Imported from node_modules by name, and which workspace package uses each (the same copy, checked). */
export const OUTSIDE = {
  pg: 'packages/db',
  'pg-cursor': 'packages/db',
  'better-sqlite3': 'packages/db',
  nodemailer: 'packages/api',
  exceljs: 'packages/api',
};

/** Throws unless the server's copy of each outside package is the one the package using it has. */
function checkOutside() {
  for (const [name, user] of Object.entries(OUTSIDE)) {
    const server = realpathSync(join(root, 'apps/server/node_modules', name));
    const used = realpathSync(join(root, user, 'node_modules', name));
    if (server !== used)
      throw new Error(
        `${name}: apps/server has ${server} and ${user} ${used}; give apps/server/package.json the range ${user}/package.json has, and install`,
      );
  }
}

export async function bundleServer() {
  checkOutside();
  const result = await build({
    entryPoints: [join(root, 'apps/server/dist/main.js')],
    outfile: join(root, BUNDLE),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Less to read and parse at start. Names are kept and each module's code starts on a line
    // of its own under a comment naming its file, so a stack trace in the log still says where.
    minifySyntax: true,
    sourcemap: 'linked',
    external: [...Object.keys(OUTSIDE), 'pg-native'],
    // The packages bundled that are CommonJS call `require` for Node's own modules.
    banner: {
      js: "import { createRequire as __tangibleRequire } from 'node:module'; const require = __tangibleRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  return result.metafile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const metafile = await bundleServer();
  const bytes = readFileSync(join(root, BUNDLE)).length;
  console.log(
    `bundle: ${BUNDLE} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${Object.keys(metafile.inputs).length} modules)`,
  );
}
