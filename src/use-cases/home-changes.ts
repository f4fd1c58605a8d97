/** Whose Home shows an item: after a change to it, those Homes are drawn again. */

export type ItemRef =
  | { readonly kind: 'leave' | 'swap' | 'handover' | 'comp_time'; readonly id: number }
  | { readonly kind: 'report'; readonly personId: string }
  | { readonly kind: 'team'; readonly teamId: string };

/** Where a change to an item is announced, so every Home that shows it is drawn again (the Slack side listens). */
export class HomeChanges {
  private readonly listeners: ((ref: ItemRef, also: readonly string[]) => void)[] = [];

  listen(listener: (ref: ItemRef, also: readonly string[]) => void): void {
    this.listeners.push(listener);
  }

  /** `also`: people whose Home showed the item before the change and may not be found from it any more. */
  changed(ref: ItemRef, also: readonly string[] = []): void {
    for (const listener of this.listeners) listener(ref, also);
  }
}
