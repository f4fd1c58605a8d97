import type { webApi } from '@slack/bolt';
import type { types } from '@slack/bolt';

/** Redraws an open modal; when a newer change redrew it first (hash_conflict), that one wins. */
export async function updateModal(
  client: webApi.WebClient,
  open: { readonly id: string; readonly hash: string },
  view: types.ModalView,
): Promise<void> {
  await client.views.update({ view_id: open.id, hash: open.hash, view }).catch((error: unknown) => {
    if ((error as { data?: { error?: string } }).data?.error !== 'hash_conflict') throw error;
  });
}
