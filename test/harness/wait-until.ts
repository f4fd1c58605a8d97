/**
 * Asks until `ok` holds (the app works on after its ack, a process starts up), at most `withinMs`,
 * letting other work run between asks, and waiting `pauseMs` between them where each ask costs the
 * other side something (a request to a starting process). How long it took.
 */
export async function waitUntil(
  ok: () => boolean | Promise<boolean>,
  { withinMs = 5000, pauseMs = 0 }: { withinMs?: number; pauseMs?: number } = {},
): Promise<number> {
  const started = performance.now();
  while (!(await ok())) {
    if (performance.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => (pauseMs > 0 ? setTimeout(resolve, pauseMs) : setImmediate(resolve)));
  }
  return performance.now() - started;
}
