/**
 * The server as one file (`apps/server/dist/tangible.js`), the second step of `pnpm build`: what
 * `pnpm start` runs. Node 20 reads, resolves and compiles an ES module per file, and the server's
 * graph is about a thousand of them (kysely alone is hundreds), which took most of its cold start
 * (issue 10.5). The bundle is built from tsc's output (tsc stays the one compiler and type check).
 *
 * Packages a server only needs for some of its work (PostgreSQL, email, workbooks) stay outside:
 * they are loaded with their first use, from where pnpm put them, by a path relative to the bundle
 * (so the checkout can move). better-sqlite3 is imported the same way: it is a native module. The bundle sits
 * in apps/server/dist, three folders under the root as packages/db/dist/location.js is, so the paths
 * it finds from its own place (the root, data/, apps/web/dist) are the same.
 */

import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = 'apps/server/dist/tangible.js';
const outdir = join(root, 'apps/server/dist');
const outfile = join(root, BUNDLE);
/** Imported from node_modules: loaded on first use, or native (better-sqlite3). */
const OUTSIDE = /^(pg|pg-cursor|nodemailer|exceljs|better-sqlite3)$/;

/** @type {import('esbuild').Plugin} */
const outside = {
  name: 'outside',
  setup(esbuild) {
    esbuild.onResolve({ filter: OUTSIDE }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const found = await esbuild.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'inner',
      });
      if (found.errors.length > 0) return { errors: found.errors };
      const path = relative(dirname(outfile), found.path).split('\\').join('/');
      return { path: path.startsWith('.') ? path : `./${path}`, external: true };
    });
  },
};

export async function bundleServer() {
  // The chunks of the last bundle (their names hold a hash of their content).
  for (const file of readdirSync(outdir)) if (/^tangible-chunk-/.test(file)) rmSync(join(outdir, file));
  const result = await build({
    entryPoints: { tangible: join(outdir, 'main.js') },
    outdir,
    // What the server loads on first use (import(): text decoding, HTML tables …) is a chunk of
    // its own, beside the bundle, so it is not read at start either.
    splitting: true,
    chunkNames: 'tangible-chunk-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Less to read and parse at start; names are kept, so a stack trace in the log still reads.
    minifyWhitespace: true,
    minifySyntax: true,
    // Stack traces and the log name the source files.
    sourcemap: 'linked',
    plugins: [outside],
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
  const bytes = readFileSync(outfile).length;
  console.log(
    `bundle: ${BUNDLE} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${Object.keys(metafile.inputs).length} modules)`,
  );
}
