/**
 * Every change a notifier tells people about is also announced to the Homes that show the item, so a
 * decision made anywhere (a DM card, the Home, a job) redraws them all. Each notifier's factory passes
 * what it built through its own refresh, made of these two.
 */
import type { UseCaseDeps } from '../../use-cases/deps.js';
import type { ItemRef } from '../../use-cases/home-changes.js';

type Announce = (ref: ItemRef, also?: readonly string[]) => void;

export function announcer(deps: UseCaseDeps): Announce | undefined {
  const homes = deps.homes;
  return homes ? (ref, also = []) => homes.changed(ref, also) : undefined;
}

/** Runs `tell`, then announces the change, even when telling failed (the change is committed). */
export async function thenAnnounce<T>(tell: Promise<T>, announce: () => void): Promise<T> {
  try {
    return await tell;
  } finally {
    announce();
  }
}
