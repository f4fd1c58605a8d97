import { describe, expect, it } from 'vitest';
import { IdleWaiters, sleep, withTimeout } from '../src/async.js';

describe('withTimeout', () => {
  it('settles as the work does when it is in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 10_000, () => 'late')).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('refused')), 10_000, () => 'late')).rejects.toThrow('refused');
  });

  it('gives the fallback, or rejects with what it throws, when the work is late', async () => {
    const never = new Promise<number>(() => undefined);
    await expect(withTimeout(never, 1, () => 'late')).resolves.toBe('late');
    await expect(
      withTimeout(never, 1, () => {
        throw new Error('timed out');
      }),
    ).rejects.toThrow('timed out');
  });

  it('treats a negative time as no time at all', async () => {
    await expect(withTimeout(new Promise(() => undefined), -5, () => 'late')).resolves.toBe('late');
  });
});

describe('IdleWaiters', () => {
  it('wakes every waiter at once, and a waiter nobody wakes at its timeout', async () => {
    const waiters = new IdleWaiters();
    const woken: string[] = [];
    const a = waiters.wait(60_000).then(() => woken.push('a'));
    const b = waiters.wait(60_000).then(() => woken.push('b'));
    waiters.wakeAll();
    await Promise.all([a, b]);
    expect(woken.sort()).toEqual(['a', 'b']);
    await waiters.wait(1);
  });

  it('sleep waits at least its time', async () => {
    const started = performance.now();
    await sleep(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
  });
});
