import { AppError } from './errors.js';

/** The one source of "now". Everything that needs the time receives a Clock; tests pass a fake one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/**
 * A clock that runs with real time from a moment that can be moved forward: the sandbox's, so that a
 * visitor can jump to Saturday afternoon and watch what the scheduler does then.
 */
export class SettableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** From now on the clock reads `to` and runs on from there. Moving it back is refused. */
  set(to: Date): void {
    const offset = to.getTime() - Date.now();
    if (offset < this.offsetMs - 1000) throw new AppError('clock.backwards', 'the clock only moves forward');
    this.offsetMs = offset;
  }

  /** Back to real time (after the data it was ahead of has been thrown away). */
  reset(): void {
    this.offsetMs = 0;
  }
}
