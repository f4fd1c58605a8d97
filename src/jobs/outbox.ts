/** The scheduled side of the outbox: submissions a failed attempt or a dead copy left, and authors still to be told. */
import type { Outbox } from '../use-cases/outbox.js';
import type { Job } from './scheduler.js';

export function outboxJobs(submissions: Outbox): Job[] {
  return [
    {
      name: 'submissions.retry',
      run: () => submissions.sweep(),
    },
  ];
}
