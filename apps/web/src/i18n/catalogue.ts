/** Every screen's strings (routes/<screen>/messages.ts) merged with the common ones, per language. */

import { messages as account } from '../routes/account/messages';
import { messages as approvals } from '../routes/approvals/messages';
import { messages as departments } from '../routes/departments/messages';
import { messages as directives } from '../routes/directives/messages';
import { messages as districts } from '../routes/districts/messages';
import { messages as imports } from '../routes/import/messages';
import { messages as inbox } from '../routes/inbox/messages';
import { messages as indicator } from '../routes/indicator/messages';
import { messages as indicators } from '../routes/indicators/messages';
import { messages as meeting } from '../routes/meeting/messages';
import { messages as milestones } from '../routes/milestones/messages';
import { messages as plan } from '../routes/plan/messages';
import { messages as planWorkbook } from '../routes/plan/workbook/messages';
import { messages as report } from '../routes/report/messages';
import { messages as sector } from '../routes/sector/messages';
import { en } from './en';
import { ko } from './ko';

const screens = {
  sector,
  indicator,
  indicators,
  milestones,
  departments,
  districts,
  report,
  approvals,
  account,
  import: imports,
  plan,
  planWorkbook,
  inbox,
  directives,
  meeting,
};

export function merged(language: 'ko' | 'en') {
  const common = language === 'ko' ? ko : en;
  return { ...common, ...Object.fromEntries(Object.entries(screens).map(([key, m]) => [key, m[language]])) };
}
