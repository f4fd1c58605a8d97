/** Slack's signed requests to the app come from the stand-in's sender (src/slack-standin/requests.ts). */
export * from '../../src/slack-standin/requests.js';
