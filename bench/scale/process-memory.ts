/** Garbage collected (with --expose-gc) and the heap given a moment to shrink, before resident memory is read. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const mb = (bytes: number) => bytes / 1024 / 1024;
