/** The scheduled side of /swap: pending swaps whose notice deadline passed expire, and both sides are told. */
import { expireOverdueSwaps } from '../use-cases/swap.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import type { SwapNotifier } from '../slack/swap/notify.js';
import type { Job } from './scheduler.js';

export function swapJobs(deps: UseCaseDeps, notifier: SwapNotifier): Job[] {
  return [
    {
      name: 'swap.expire',
      async run(now) {
        for (const swap of await expireOverdueSwaps(deps, now)) await notifier.ended(swap.id);
      },
    },
  ];
}
