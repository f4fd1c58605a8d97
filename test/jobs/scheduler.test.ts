import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRuns } from '../../src/db/schema.js';
import { releaseClaimsOf } from '../../src/db/queries/claims.js';
import { minuteSlot, Scheduler, type Job } from '../../src/jobs/scheduler.js';
import { FakeClock } from '../harness/fake-clock.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

let testDb: TestDatabase;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

function countingJob(name: string, runs: string[]): Job {
  return {
    name,
    async run(now) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      runs.push(`${name}@${minuteSlot(now)}`);
    },
  };
}

describe('the scheduler', () => {
  it('runs each job once per minute however many app copies tick at the same time', async () => {
    const clock = new FakeClock('2026-12-01T02:00:20Z');
    const runs: string[] = [];
    const copies = Array.from(
      { length: 4 },
      (_, i) => new Scheduler({ db: testDb.database.db, clock, logger }, [countingJob('a', runs), countingJob('b', runs)], `copy-${i}`),
    );
    await Promise.all(copies.map((copy) => copy.tick()));
    await Promise.all(copies.map((copy) => copy.tick(new Date('2026-12-01T02:00:50Z')))); // same minute again
    clock.advance(60_000);
    await Promise.all(copies.map((copy) => copy.tick()));
    expect(runs.sort()).toEqual(['a@2026-12-01T02:00Z', 'a@2026-12-01T02:01Z', 'b@2026-12-01T02:00Z', 'b@2026-12-01T02:01Z']);
    const claims = await testDb.database.db.select().from(jobRuns);
    expect(claims.filter((c) => c.job === 'a')).toHaveLength(2);
    expect(claims.every((c) => c.finishedAt !== null)).toBe(true);
  });

  it('keeps going when a job fails, and runs it again the next minute', async () => {
    const clock = new FakeClock('2026-12-02T02:00:00Z');
    let attempts = 0;
    const runs: string[] = [];
    const flaky: Job = {
      name: 'flaky',
      async run() {
        attempts += 1;
        if (attempts === 1) throw new Error('Slack is down');
      },
    };
    const scheduler = new Scheduler({ db: testDb.database.db, clock, logger }, [flaky, countingJob('after', runs)]);
    await scheduler.tick();
    clock.advance(60_000);
    await scheduler.tick();
    expect(attempts).toBe(2);
    expect(runs).toHaveLength(2);
  });

  it('moved forward in leaps, ticks at each moment a job says it falls due as well as every hour, in order', async () => {
    const clock = new FakeClock('2026-12-03T08:10:00Z');
    const runs: string[] = [];
    const windowed: Job = {
      ...countingJob('remind', runs),
      dueBetween: () => [new Date('2026-12-03T08:45:00Z'), new Date('2026-12-03T08:55:30Z'), new Date('2026-12-03T08:55:50Z')],
    };
    const scheduler = new Scheduler({ db: testDb.database.db, clock, logger }, [windowed]);
    await scheduler.advance(clock.now(), new Date('2026-12-03T10:30:00Z'), 60 * 60_000, (at) => clock.set(at));
    expect(runs).toEqual([
      'remind@2026-12-03T08:45Z',
      'remind@2026-12-03T08:55Z',
      'remind@2026-12-03T09:00Z',
      'remind@2026-12-03T10:00Z',
      'remind@2026-12-03T10:30Z',
    ]);
  });

  it('stops waiting for a tick that does not end when its time is up, starts no further job of it, and lets its claim go', async () => {
    const clock = new FakeClock('2026-12-03T02:00:00Z');
    const runs: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const stuck: Job = {
      name: 'stuck',
      run: () => {
        started();
        return new Promise<void>(() => undefined);
      },
    };
    const scheduler = new Scheduler({ db: testDb.database.db, clock, logger }, [stuck, countingJob('next', runs)], 'copy-stuck');
    void scheduler.tick();
    await running;
    expect(await scheduler.stop(50)).toBe(false);
    expect(runs).toEqual([]);
    const slot = minuteSlot(clock.now());
    const claim = (await testDb.database.db.select().from(jobRuns)).find((c) => c.job === 'stuck' && c.slot === slot);
    expect(claim).toMatchObject({ claimedBy: 'copy-stuck', finishedAt: null });
    expect(await releaseClaimsOf(testDb.database.db, 'copy-stuck')).toMatchObject({ jobRuns: 1 });
    // another copy takes the minute over
    const other = new Scheduler({ db: testDb.database.db, clock, logger }, [countingJob('stuck', runs)], 'copy-other');
    await other.tick();
    expect(runs).toEqual([`stuck@${slot}`]);
    expect(await other.stop(50)).toBe(true);
  });
});
