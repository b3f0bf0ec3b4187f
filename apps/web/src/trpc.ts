/** The typed tRPC client: types come from the API's router, never re-declared here. */

import type { AppRouter, RouterInputs, RouterOutputs } from '@tangible/api';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
export type { AppRouter, RouterInputs, RouterOutputs };
export type Overview = RouterOutputs['plan']['overview'];
/** An indicator as lists show it: figures and a trend, no series. */
export type IndicatorRow = RouterOutputs['indicators']['list']['indicators'][number];
/** An indicator with its series, as the screens that draw it receive it. */
export type IndicatorView = RouterOutputs['indicators']['detail']['indicator'];
export type Status = IndicatorRow['figures']['status'];
export type Bilingual = IndicatorRow['name'];
/** The orders the server sorts a list of indicators in. */
export type IndicatorSort = NonNullable<RouterInputs['indicators']['list']['sort']>;
export type DepartmentSort = NonNullable<RouterInputs['departments']['comparison']['sort']>;
