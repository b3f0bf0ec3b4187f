/**
 * Writes the import corpus (scripts/import-corpus/) to data/import-corpus/: every file, its
 * manifest.json and README.md. `npx tsx --conditions=source scripts/import-corpus.ts [folder]`
 */

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS, manifestOf, readmeOf } from './import-corpus/corpus.js';

const folder = process.argv[2] ?? fileURLToPath(new URL('../data/import-corpus/', import.meta.url));
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
for (const file of CORPUS) writeFileSync(join(folder, file.file), await file.bytes());
writeFileSync(join(folder, 'manifest.json'), manifestOf(CORPUS));
writeFileSync(join(folder, 'README.md'), readmeOf(CORPUS));
console.log(`${CORPUS.length} files written to ${folder}`);
