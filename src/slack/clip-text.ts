/**
 * Cutting a text to one of Slack's limits. Lengths are counted in code points, as the limits are
 * checked; cuts fall between graphemes (an emoji with its modifiers, a letter with its accents stays
 * whole), and in mrkdwn never inside a link, mention or date (`<…>`) or an escape (`&amp;`).
 */

/** Marks where a text was cut. */
export const cutMark = '…';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How Slack's limits count a text's length. */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** What mrkdwn lets no cut split: a `<…>` entity (link, mention, date) or an escape. */
const mrkdwnEntity = /<[^<>\n]*>|&(?:amp|lt|gt);/g;

/** The UTF-16 index just after the first `count` code points of `text`. */
function indexAfter(text: string, count: number): number {
  let index = 0;
  for (let seen = 0; seen < count && index < text.length; seen += 1) {
    const unit = text.charCodeAt(index);
    index += unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length ? 2 : 1;
  }
  return index;
}

/** How far around a cut graphemes are looked for: the segmenter is slow on long texts, and graphemes are short. */
const around = 64;

/** The last grapheme boundary at or before `index`; `index` itself when the grapheme there is longer than anything sane. */
function graphemeStart(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const from = Math.max(0, index - around);
  let boundary = from;
  for (const { index: at } of graphemes.segment(text.slice(from, index + around))) {
    if (from + at > index) break;
    boundary = from + at;
  }
  return boundary === from && from > 0 ? index : boundary;
}

/** A link's label (`<url|label>` → label), shown instead of a link too long for any room left. */
const labelOf = (entity: string): string | undefined =>
  entity.startsWith('<') && entity.includes('|') ? entity.slice(entity.indexOf('|') + 1, -1) : undefined;

/**
 * `text` when it has at most `max` code points; else its longest beginning that fits with `mark`
 * after it, ending between two graphemes. In `mrkdwn`, an entity the cut would split is left out
 * whole; when it is the very first thing, a link's label stands in for it, cut as plain text.
 */
export function clipText(text: string, max: number, { mrkdwn = false, mark = cutMark }: { mrkdwn?: boolean; mark?: string } = {}): string {
  if (codePoints(text) <= max) return text;
  const room = Math.max(0, max - codePoints(mark));
  const byCodePoints = indexAfter(text, room);
  let cut = graphemeStart(text, byCodePoints);
  if (mrkdwn) {
    for (const match of text.matchAll(mrkdwnEntity)) {
      if (match.index >= cut) break;
      if (match.index + match[0].length <= cut) continue;
      if (match.index === 0) {
        const label = labelOf(match[0]);
        return label === undefined ? mark : clipText(label, max, { mark });
      }
      cut = match.index;
      break;
    }
  }
  // one grapheme longer than the room (a flood of combining marks) is cut by code point rather than dropped
  if (cut === 0) cut = byCodePoints;
  return `${text.slice(0, cut)}${mark}`;
}
