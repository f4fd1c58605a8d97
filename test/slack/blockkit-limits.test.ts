import { describe, expect, it } from 'vitest';
import { blockKitProblems, viewProblems } from '../../src/slack/blockkit-limits.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const paths = (problems: { path: string }[]) => problems.map((p) => p.path);

describe('Block Kit limits', () => {
  it('accepts what Slack accepts at the limits', () => {
    expect(
      blockKitProblems(
        'message',
        Array.from({ length: 50 }, () => section('x'.repeat(3000))),
      ),
    ).toEqual([]);
    expect(
      viewProblems({ type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(24) }, private_metadata: 'x'.repeat(3000), blocks: [] }),
    ).toEqual([]);
  });

  it('counts characters, not UTF-16 units, so Chinese and emoji text get the full limit', () => {
    expect(blockKitProblems('message', [section('😀'.repeat(3000))])).toEqual([]);
    expect(viewProblems({ type: 'modal', title: { type: 'plain_text', text: '请假申请'.repeat(6) }, blocks: [] })).toEqual([]);
  });

  it('names the place of every problem', () => {
    const blocks = [
      section('x'.repeat(3001)),
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      {
        type: 'actions',
        block_id: 'a',
        elements: [{ type: 'button', action_id: 'b', text: { type: 'plain_text', text: 'x'.repeat(76) } }],
      },
      { type: 'actions', block_id: 'a', elements: [] },
      { type: 'input', label: { type: 'plain_text', text: 'l' }, element: { type: 'plain_text_input' } },
    ];
    expect(paths(blockKitProblems('message', blocks))).toEqual([
      'blocks[0].text.text',
      'blocks[1].text.text',
      'blocks[2].elements[0].text.text',
      'blocks[3].block_id',
      'blocks[3].elements',
      'blocks[4]',
    ]);
  });

  it('holds modals to 100 blocks, a 24-character title and buttons, and a submit button for inputs', () => {
    const view = {
      type: 'modal',
      title: { type: 'plain_text', text: 't'.repeat(25) },
      close: { type: 'plain_text', text: 'c'.repeat(25) },
      blocks: [
        ...Array.from({ length: 100 }, () => section('x')),
        { type: 'input', label: { type: 'plain_text', text: 'l' }, element: { type: 'plain_text_input' } },
      ],
    };
    expect(paths(viewProblems(view))).toEqual(['view.title.text', 'view.close.text', 'view.submit', 'view.blocks']);
  });

  it('limits select options and their values', () => {
    const select = {
      type: 'static_select',
      action_id: 's',
      options: Array.from({ length: 101 }, (_, i) => ({
        text: { type: 'plain_text', text: `o${i}` },
        value: i === 0 ? 'v'.repeat(151) : `v${i}`,
      })),
    };
    expect(paths(blockKitProblems('modal', [{ type: 'section', text: { type: 'mrkdwn', text: 'pick' }, accessory: select }]))).toEqual([
      'blocks[0].accessory.options',
      'blocks[0].accessory.options[0].value',
    ]);
  });
});
