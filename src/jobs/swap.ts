/**
 * The scheduled side of /swap: pending swaps whose notice deadline passed expire, and both sides are
 * told; a card that never reached the colleague or the lead is posted.
 */
import { claimMissingSwapCards, expireOverdueSwaps } from '../use-cases/swap.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import type { SwapNotifier } from '../slack/swap/notify.js';
import { tellEach } from '../use-cases/change-each.js';
import type { Job } from './scheduler.js';

export function swapJobs(deps: UseCaseDeps, notifier: SwapNotifier): Job[] {
  return [
    {
      name: 'swap.expire',
      async run(now) {
        await tellEach(
          deps.logger,
          'swap.expire',
          await expireOverdueSwaps(deps, now),
          (swap) => notifier.ended(swap.id),
          (swap) => ({ swapId: swap.id }),
        );
      },
    },
    {
      name: 'swap.cards',
      async run(now) {
        for (const { swap, who } of await claimMissingSwapCards(deps, now)) {
          await notifier
            .repost(swap.id, who)
            .catch((error: unknown) =>
              deps.logger.warn({ err: error, swapId: swap.id }, 'could not post a swap card; the card job tries again later'),
            );
        }
      },
    },
  ];
}
