import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/t.js';
import { stepRolesName } from '../../src/slack/format.js';

const step = (role: 'lead' | 'manager' | 'gm', passedOn: 'escalated' | 'skipped' | 'no' = 'no') => ({
  role,
  escalatedAt: passedOn === 'escalated' ? new Date('2026-12-04T05:00:00Z') : null,
  skipped: passedOn === 'skipped' ? ['U0AWAY'] : [],
});

describe('the role an approval step is shown with', () => {
  const en = translator('en');
  const zh = translator('zh-CN');

  it('is the step’s own while it waits for the approver it was made for', () => {
    expect(stepRolesName([step('manager')], { role: 'manager' }, en)).toBe('manager (客服部经理)');
  });

  it('is the general manager’s once the manager’s step passed up to them, in the reader’s language', () => {
    expect(stepRolesName([step('manager', 'escalated')], { role: 'gm' }, en)).toBe('general manager (总经理)');
    expect(stepRolesName([step('manager', 'escalated')], { role: 'gm' }, zh)).toBe('总经理');
    expect(stepRolesName([step('lead', 'skipped')], { role: 'manager' }, zh)).toBe('客服部经理');
  });

  it('names each step one person holds when one of them is of their own role', () => {
    expect(stepRolesName([step('lead', 'escalated'), step('manager')], { role: 'manager' }, en)).toBe(
      'team lead (组长)/manager (客服部经理)',
    );
  });
});
