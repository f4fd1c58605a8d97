/**
 * A bare Bolt app whose only handler acks, in a process of its own and loading nothing of shiftdesk (the
 * baseline of resident memory). Prints one JSON line. argv: <slack api url> <bot token> <signing secret>.
 */
import { App } from '@slack/bolt';
import { mb, settle } from './process-memory.js';

const [apiUrl, botToken, signingSecret] = process.argv.slice(2) as [string, string, string];
const started = performance.now();
const bare = new App({ token: botToken, signingSecret, clientOptions: { slackApiUrl: apiUrl } });
bare.command('/leave', async ({ ack }) => ack());
await bare.start(0);
const startMs = performance.now() - started;
await settle();
console.log(JSON.stringify({ startMs, rssMb: mb(process.memoryUsage().rss), peakMb: process.resourceUsage().maxRSS / 1024 }));
await bare.stop();
