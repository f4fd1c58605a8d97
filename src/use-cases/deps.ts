import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { ReadModel } from '../db/read-model/read-model.js';
import type { AppLogger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Policy } from '../policy/policy-file.js';
import type { HomeChanges } from './home-changes.js';

/** What every use case may reach: nothing global, all passed in from main.ts (or a test). */
export interface UseCaseDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly policy: Policy;
  readonly logger: AppLogger;
  /** The running app's in-memory copy of people, rosters and leave, for reads outside a transaction. */
  readonly readModel?: ReadModel;
  /** Where a change to an open item is announced, so the Homes that show it are drawn again. */
  readonly homes?: HomeChanges;
  /** The running app's Prometheus metrics (GET /metrics); absent in the command-line tools. */
  readonly metrics?: Metrics;
}
