/**
 * What went wrong, in the reader's language: a refusal of the services and an import row's problem
 * by their code (with the sentences the web app says them in), a database file's problem, a plan
 * already seeded, a file that cannot be read. Anything else (a bug, a seed file's typo) keeps its
 * own English words.
 */

import { ImportFileError, ImportRejected, problem, Refusal } from '@tangible/api';
import { frequencyNames, problemSentences, sentenceFor, unitNames } from '@tangible/api/problem-sentences';
import { CopyRefused, DatabaseFileProblem, DatabaseUrlProblem, SeedError } from '@tangible/db';
import { currentLanguage, Declined, interpolate, type Params, say } from './messages.js';

/** A problem as the services give it: a code, its parameters, and the English sentence. */
export interface CodedProblem {
  code: string;
  params: Params;
  message: string;
}

/** The problem's sentence; the English one for a code this table does not know. */
export function problemText(problem: CodedProblem, language = currentLanguage()): string {
  const params = { ...problem.params };
  // Units and frequencies travel as codes; the reader gets their names.
  const units: Record<string, string> = unitNames[language];
  const frequencies: Record<string, string> = frequencyNames[language];
  if (typeof params.unit === 'string') params.unit = units[params.unit] || params.unit;
  for (const key of ['frequency', 'periodFrequency']) {
    const value = params[key];
    if (typeof value === 'string') params[key] = frequencies[value] ?? value;
  }
  const sentence = sentenceFor(problem.code, params);
  const text = (problemSentences[language] as Record<string, string>)[sentence.key];
  return text ? interpolate(text, sentence.params) : problem.message;
}

function isFileError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).path === 'string';
}

/** The sentence for whatever a command threw. */
export function failureText(error: unknown): string {
  if (error instanceof DatabaseFileProblem) return databaseProblemText(error);
  if (error instanceof DatabaseUrlProblem || error instanceof CopyRefused) return problemText(error);
  if (error instanceof Declined) return say(error.key, error.params);
  // The services refuse with a TRPCError whose cause is the Refusal; the storage guard throws it bare.
  const refusal = error instanceof Error && error.cause instanceof Refusal ? error.cause : error;
  if (refusal instanceof Refusal) return problemText(refusal.problem);
  if (error instanceof SeedError && error.code) return say(error.code, error.params);
  // Rows found wrong at the commit (the data changed since the preview): said by its code.
  if (error instanceof ImportRejected)
    return problemText(problem('import_has_problems', { count: error.preview.counts.error }));
  if (error instanceof ImportFileError) {
    // A problem with a code is said in the reader's language; mapping.ts's old sentences are English.
    const reason = error.code === 'file_problem' ? String(error.params.reason) : problemText(error.problem);
    return say('import_refused', { reason });
  }
  if (isFileError(error))
    return error.code === 'ENOENT'
      ? say('no_file', { file: error.path })
      : say('unreadable_file', { file: error.path, reason: error.code ?? error.message });
  return error instanceof Error ? error.message : String(error);
}

/** A database-file problem; a vanished database also says what is at its path and the way back. */
function databaseProblemText(error: DatabaseFileProblem): string {
  const { state, createdAt } = error.params;
  const params: Params = { ...error.params };
  if (error.code === 'vanished' || error.code === 'orphaned_wal') {
    const stateKey = state === 'empty' || state === 'no_plan' ? state : 'missing';
    params.stateText = say(`state.${stateKey}`);
    params.createdText = createdAt ? say('created_on', { createdAt }) : '';
    params.wayBack = say('way_back');
  }
  return say(`problem.${error.code}`, params);
}
