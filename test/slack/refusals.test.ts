import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/t.js';
import { refusal } from '../../src/policy/decision.js';
import { humanDuration, noticeDuration } from '../../src/slack/format.js';
import { refusalText } from '../../src/slack/refusals.js';
import { shippedPolicy } from '../harness/test-app.js';

const policy = shippedPolicy();
const team = policy.teams.phone as NonNullable<typeof policy.teams.phone>;

describe('refusals in words', () => {
  it('names another team by its label and a person by their name, in the reader’s language', () => {
    const r = refusal('swap.refusal.cannot_staff', { team: 'after_sales', shift: 'W' });
    expect(refusalText(r, { t: translator('en'), locale: 'en', team, policy })).toBe('The After-sales team does not work the W shift.');
    expect(refusalText(r, { t: translator('zh-CN'), locale: 'zh-CN', team, policy })).toBe('售后团队不上 W 班。');
    const busy = refusal('swap.refusal.already_on_shift', { person: 'U0X', date: '2026-12-03', shift: 'R' });
    expect(refusalText(busy, { t: translator('en'), locale: 'en', team, names: new Map([['U0X', 'Amy']]) })).toBe(
      'Amy already works the R shift on Thu 3 Dec.',
    );
  });
});

describe('durations in words', () => {
  it('says a rest of zero is 0 minutes, in both languages', () => {
    const r = refusal('swap.refusal.rest', { person: 'U0X', restMinutes: 0, minRestMinutes: 480 });
    const names = new Map([['U0X', 'Amy']]);
    expect(refusalText(r, { t: translator('en'), locale: 'en', team, names })).toBe(
      'After the swap Amy would rest only 0 minutes between two shifts; at least 8 hours are needed.',
    );
    expect(refusalText(r, { t: translator('zh-CN'), locale: 'zh-CN', team, names })).toBe(
      '换班后 Amy 两个班次之间只能休息 0 分钟,至少需要 8 小时。',
    );
  });

  it('keeps "no notice" for a notice period of zero only', () => {
    expect(humanDuration(0, translator('en'))).toBe('0 minutes');
    expect(humanDuration(0, translator('zh-CN'))).toBe('0 分钟');
    expect(humanDuration(90, translator('en'))).toBe('1 hour 30 minutes');
    expect(noticeDuration(0, translator('en'))).toBe('no notice');
    expect(noticeDuration(0, translator('zh-CN'))).toBe('无需提前');
    expect(noticeDuration(60, translator('en'))).toBe('1 hour');
  });
});
