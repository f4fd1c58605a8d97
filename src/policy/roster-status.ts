/** A roster row's state: worked as planned, taken off by approved leave, or given away by a swap. */
export const rosterStatuses = ['scheduled', 'on_leave', 'swapped'] as const;
export type RosterStatus = (typeof rosterStatuses)[number];
