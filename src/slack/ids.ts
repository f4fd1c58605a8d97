/**
 * Every name Slack and the code must agree on: slash commands, events, action_ids, callback_ids.
 * manifest.yml declares the same commands and events; test/manifest.test.ts keeps both in step.
 */
export const commands = {
  leave: '/leave',
  swap: '/swap',
  handover: '/handover',
  report: '/report',
} as const;

export type Feature = keyof typeof commands;

export const events = {
  appHomeOpened: 'app_home_opened',
} as const;
