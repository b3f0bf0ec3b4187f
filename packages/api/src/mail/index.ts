// The reporting calendar's last known year of holidays, for the server's warning at start.
export { HOLIDAY_YEARS } from '@tangible/core';
export { setMailAddress } from './addresses.js';
export { enqueueDigests } from './digest.js';
export { enqueueFor } from './enqueue.js';
export { enqueueReminders } from './reminders.js';
export { type MailScheduler, startMailScheduler } from './scheduler.js';
export { drainOutbox, sendDueMail } from './sender.js';
export type { MailSettings } from './transport.js';
