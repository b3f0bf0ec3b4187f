/**
 * Carrying out one edit of the plan from a form: the planning office's edits go straight to their
 * operation; a bureau head's are proposed (planEditor.proposeChange) with a reason. Field problems
 * the server found (`planErrors`) come back keyed by field for the form to show beside each input.
 */

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLanguage } from '../../format/language';
import { errorText, problemText } from '../../format/problems';
import { type RouterInputs, useTRPCClient } from '../../trpc';

type Editor = RouterInputs['planEditor'];
export type OperationName = RouterInputs['planEditor']['proposeChange']['operation'];
export type OperationInput<N extends OperationName> = Editor[N];

type Mutation = { mutate: (input: unknown) => Promise<unknown> };

export interface FieldProblem {
  field: string;
  text: string;
}

interface Failure {
  message: string;
  data?: {
    problem?: { code: string; params: Record<string, string | number> } | null;
    planErrors?: unknown;
    zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null;
  };
}

export function usePlanEdit(options: { proposes: boolean }) {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { t } = useLanguage();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  async function run<N extends OperationName>(name: N, input: OperationInput<N>, reason?: string) {
    setWorking(true);
    setProblems([]);
    setFailure(null);
    try {
      if (options.proposes) {
        const { year, ...rest } = input as { year: number };
        await client.planEditor.proposeChange.mutate({
          year,
          operation: name,
          input: rest,
          reason: reason ?? '',
        });
      } else {
        // Each operation is its own mutation taking its own input (the name and input are paired by N).
        const operations = client.planEditor as unknown as Record<OperationName, Mutation>;
        await operations[name].mutate(input);
      }
      await queryClient.invalidateQueries();
      return true;
    } catch (error) {
      fail(error);
      return false;
    } finally {
      setWorking(false);
    }
  }

  function fail(error: unknown) {
    const failed = error as Failure;
    const fields = (failed.data?.planErrors ?? null) as
      | { field: string; code: string; params: Record<string, string | number>; message: string }[]
      | null;
    // The input's shape refused before any rule of the plan (an empty name, a number that is none):
    // the fields zod named, each told to be checked.
    const shapeFields = Object.entries(failed.data?.zodError?.fieldErrors ?? {})
      .filter(([, found]) => found && found.length > 0)
      .map(([field]) => field);
    if (fields && fields.length > 0) {
      setProblems(fields.map((p) => ({ field: p.field, text: problemText(t, p) })));
      setFailure(t('plan.fieldProblems', { count: fields.length }));
    } else if (shapeFields.length > 0) {
      setProblems(shapeFields.map((field) => ({ field, text: t('plan.checkField') })));
      setFailure(t('plan.fieldProblems', { count: shapeFields.length }));
    } else {
      setFailure(t('plan.failed', { message: errorText(t, failed) }));
    }
  }

  /**
   * The problems of a field, of the fields inside it (`interimTargets` holds `interimTargets.0.period`)
   * and of the field holding it (a refused `name` is said beside `name.ko` and `name.en`).
   */
  function problemsOf(field: string) {
    return problems.filter(
      (p) => p.field === field || p.field.startsWith(`${field}.`) || field.startsWith(`${p.field}.`),
    );
  }

  return { run, fail, problems, problemsOf, failure, working, setFailure };
}
