/**
 * An export must keep moving: a total time limit, and a minimum rate at which the client takes the
 * file. A reader that trickles (or stops) would otherwise hold its export slot, its read snapshot
 * (which also keeps SQLite from checkpointing the write-ahead log past it) for as long as it likes.
 * The rate is judged only while the export waits on the client, so a slow query is never blamed on
 * the reader. A cut response is destroyed, never ended, so the partial file cannot pass for whole.
 */

import type { Response } from 'express';

export interface TransferLimits {
  /** From the first byte to the last, whatever the rate. */
  totalMs: number;
  /** What the client must take, in bytes per second, averaged over each window. */
  minBytesPerSecond: number;
  /** How long a window of the rate rule lasts. */
  rateWindowMs: number;
}

export const DEFAULT_TRANSFER_LIMITS: TransferLimits = {
  totalMs: 15 * 60_000,
  minBytesPerSecond: 16 * 1024,
  rateWindowMs: 30_000,
};

export type CutReason = 'too_long' | 'too_slow';

/** Whether the response holds data the client has not taken: the export is waiting on the reader. */
function waitingOnClient(res: Response): boolean {
  return res.writableNeedDrain || (res.writableEnded && !res.writableFinished);
}

/**
 * Watches the response until it finishes or closes, and destroys it when it breaks a limit, saying
 * why through `onCut`. `sent` says how many bytes have been written to it so far.
 */
export function enforceTransferLimits(
  res: Response,
  sent: () => number,
  limits: TransferLimits,
  onCut: (reason: CutReason) => void = () => {},
): void {
  let takenBefore = 0;
  const cut = (reason: CutReason) => {
    stop();
    onCut(reason);
    res.destroy();
  };
  const total = setTimeout(() => cut('too_long'), limits.totalMs);
  const needed = (limits.minBytesPerSecond * limits.rateWindowMs) / 1000;
  const rate = setInterval(() => {
    const taken = sent();
    const slow = waitingOnClient(res) && taken - takenBefore < needed;
    takenBefore = taken;
    if (slow) cut('too_slow');
  }, limits.rateWindowMs);
  function stop() {
    clearTimeout(total);
    clearInterval(rate);
    res.off('finish', stop);
    res.off('close', stop);
  }
  res.once('finish', stop);
  res.once('close', stop);
}
