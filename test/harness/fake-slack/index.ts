/** The Slack stand-in lives in src/slack-standin (the sandbox serves it too); tests import it from here. */
export * from '../../../src/slack-standin/index.js';
