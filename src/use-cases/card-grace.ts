/**
 * How long a step's card may take to be posted before the card job posts it: longer than the Web API
 * client keeps retrying one call (about 30 minutes), so the first post is never doubled.
 */
export const cardGraceMs = 35 * 60_000;
