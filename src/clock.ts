/** The one source of "now". Everything that needs the time receives a Clock; tests pass a fake one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};
