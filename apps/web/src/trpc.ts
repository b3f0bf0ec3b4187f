/** The typed tRPC client: types come from the API's router, never re-declared here. */

import type { AppRouter, RouterOutputs } from '@tangible/api';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();
export type { AppRouter, RouterOutputs };
export type Overview = RouterOutputs['plan']['overview'];
export type IndicatorView = Overview['offTrack'][number];
export type Status = IndicatorView['figures']['status'];
export type Bilingual = IndicatorView['name'];
