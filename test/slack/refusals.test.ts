import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/t.js';
import { refusal } from '../../src/policy/decision.js';
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
    expect(refusalText(busy, { t: translator('en'), locale: 'en', team, names: new Map([['U0X', 'Amy']]) })).toBe('Amy already works the R shift on Thu 3 Dec.');
  });
});
