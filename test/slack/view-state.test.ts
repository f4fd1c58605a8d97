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

describe('proof files as the card will show them', () => {
  const proof = (files: unknown) => ({ 'leave.proof': { value: { type: 'file_input', files } } });

  it('keeps a Slack permalink and drops a forged, overlong or non-https one, keeping the file', () => {
    const read = readLeaveForm(
      proof([
        { id: 'F1', name: 'note.pdf', permalink: 'https://acme.slack.com/files/U1/F1/note.pdf' },
        { id: 'F2', name: 'x', permalink: `https://example.com/${'a'.repeat(3000)}` },
        { id: 'F3', name: 'y', permalink: 'javascript:alert(1)' },
        { id: 'F4', name: 'z'.repeat(3000), permalink: 'https://a.example/|<!channel>' },
      ]),
    ).proofFiles;
    expect(read).toEqual([
      { id: 'F1', name: 'note.pdf', permalink: 'https://acme.slack.com/files/U1/F1/note.pdf' },
      { id: 'F2', name: 'x' },
      { id: 'F3', name: 'y' },
      { id: 'F4', name: 'z'.repeat(100) },
    ]);
  });

  it('reads at most ten files', () => {
    expect(readLeaveForm(proof(Array.from({ length: 11 }, (_, i) => ({ id: `F${i}`, name: 'n' })))).proofFiles).toEqual([]);
  });
});
