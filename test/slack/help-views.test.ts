import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/t.js';
import { parsePolicy, type Locale, type Policy } from '../../src/policy/policy-file.js';
import type { Block } from '../../src/slack/blocks.js';
import type { CommandDefinition } from '../../src/slack/commands/command.js';
import { handoverCommand } from '../../src/slack/handover/command.js';
import { leaveCommand } from '../../src/slack/leave/command.js';
import { reportCommand } from '../../src/slack/report/command.js';
import { swapCommand } from '../../src/slack/swap/command.js';

const shipped = readFileSync(path.resolve(import.meta.dirname, '../../policy.yml'), 'utf8');
const policy = parsePolicy(shipped);

function render(def: CommandDefinition, locale: Locale, p: Policy = policy, teamId: string | null = 'phone'): string {
  const team = teamId === null ? undefined : p.teams[teamId];
  const blocks = def.help({ t: translator(locale), locale, policy: p, team, rules: team?.rules ?? p.rules });
  return blocks.map(textOf).join('\n');
}

function textOf(block: Block): string {
  if (block.type === 'section') return block.text?.text ?? '';
  if (block.type === 'context') return block.elements.map((e) => ('text' in e ? e.text : '')).join(' ');
  return '';
}

describe('help texts show the policy as it applies to the asker', () => {
  it('/leave lists the rule table with notice, late filing and the approval chain', () => {
    const en = render(leaveCommand, 'en');
    expect(en).toContain('Rules for *Phone team*');
    expect(en).toContain(
      '• Any leave, 3 days or more: 10 days notice — team lead (组长) → manager (客服部经理) → general manager (总经理)',
    );
    expect(en).toContain(
      '• Sick leave, Bereavement leave, up to 2 days: 1 hour notice (may be filed late; flagged to approvers) — team lead (组长)',
    );
    expect(en).toContain('• Personal leave — unpaid (deducted)');
    expect(en).toContain('At most 4 days a month of Personal leave, Sick leave, Annual leave, Comp time.');
    const zh = render(leaveCommand, 'zh-CN');
    expect(zh).toContain('*电话团队* 的规定');
    expect(zh).toContain('• 其他请假(3 天及以上):提前 10 天 — 组长 → 客服部经理 → 总经理');
    expect(zh).toContain('• 事假 — 不带薪(扣薪)');
  });

  it('/swap, /handover and /report read their numbers from the policy file', () => {
    expect(render(swapCommand, 'en')).toContain('Ask at least 1 day before the earlier of the two shifts.');
    expect(render(swapCommand, 'zh-CN')).toContain('双方两个班次之间至少休息 8 小时。');
    expect(render(handoverCommand, 'en')).toContain('starts the handover 15 minutes before its end');
    expect(render(handoverCommand, 'zh-CN')).toContain('记录不清、工作场所不整洁、公物缺失、重大维修未完成');
    expect(render(reportCommand, 'en')).toContain('Due every Saturday by 17:00 (Asia/Shanghai), at least 200 characters');
    expect(render(reportCommand, 'zh-CN')).toContain('提醒时间:周六 10:00、周六 16:00。');
  });

  it('follows a changed policy and a team override, not constants', () => {
    const changed = parsePolicy(
      shipped
        .replace('  notice: 24h ', '  notice: 2d ')
        .replace(
          'min_staffing: { R: 2, C: 1, W: 2 }',
          'min_staffing: { R: 2, C: 1, W: 2 }\n    overrides:\n      report: { min_chars: 300 }',
        ),
    );
    expect(render(swapCommand, 'en', changed)).toContain('Ask at least 2 days before');
    expect(render(reportCommand, 'en', changed, 'phone')).toContain('at least 300 characters');
    expect(render(reportCommand, 'en', changed, 'online')).toContain('at least 200 characters');
  });

  it('shows the department rules to someone who is not in the org', () => {
    expect(render(swapCommand, 'en', policy, null)).toContain('Department rules');
  });
});
