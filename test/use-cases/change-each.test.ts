import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { changeEach } from '../../src/use-cases/change-each.js';

describe('a scheduled change of many items', () => {
  it('keeps what every other item changed when one of them fails, and logs the one that failed', async () => {
    const logged: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const changed = await changeEach(
      logger,
      'test.expire',
      [1, 2, 3, 4],
      async (n) => {
        if (n === 2) throw new Error('deadlock detected');
        return n === 3 ? undefined : n * 10; // 3: nothing to change
      },
      (n) => ({ item: n }),
    );
    expect(changed).toEqual([10, 40]);
    expect(logged).toEqual([
      expect.objectContaining({ job: 'test.expire', item: 2, msg: 'a scheduled change failed; it is tried again on the next run' }),
    ]);
  });
});
