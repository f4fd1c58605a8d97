import { describe, expect, it } from 'vitest';
import { readHandoverForm } from '../../src/slack/handover/parse.js';
import { readLeaveForm } from '../../src/slack/leave/parse.js';
import { readReportForm } from '../../src/slack/report/parse.js';
import { readSwapForm } from '../../src/slack/swap/parse.js';
import { cleanText } from '../../src/slack/view-state.js';

const text = (value: string) => ({ value: { type: 'plain_text_input', value } });

describe('modal text at the boundary', () => {
  it('drops NUL and halves of surrogate pairs, keeps whole pairs', () => {
    expect(cleanText('a\u0000b\uD800c\uDC00d😀')).toBe('abcd😀');
  });

  it('cuts to the limit before anything else, without leaving half a pair', () => {
    expect(cleanText('x'.repeat(5000))).toHaveLength(3000);
    expect(cleanText(`${'x'.repeat(2999)}😀`)).toBe('x'.repeat(2999));
  });

  it('reaches every form: a leave reason, a swap note, handover notes and a report', () => {
    expect(readLeaveForm({ 'leave.reason': text('sick\u0000') }).reason).toBe('sick');
    expect(readSwapForm({ 'swap.note': text('thanks\uDFFF') }).note).toBe('thanks');
    expect(readHandoverForm({ 'handover.notes': text('quiet\u0000\uD83D') }).notes).toBe('quiet');
    const report = readReportForm({ 'report.done': text('中'.repeat(60_000)), 'report.improve': text('\u0000') });
    expect(report).toEqual({ done: '中'.repeat(3000), improve: '' });
  });
});
