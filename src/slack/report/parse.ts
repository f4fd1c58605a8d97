/** The /report modal's state as Slack sends it, read with zod; anything unexpected reads as empty. */
import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { toLocalDate, type LocalDate } from '../../policy/time.js';
import { reportIds } from '../ids.js';
import { field, type StateValues } from '../view-state.js';

const text = z.object({ value: z.string().nullish() });
const metadata = z.object({ weekStart: z.string(), factsAt: z.string().datetime().optional() });

export function readReportForm(values: StateValues): { done: string; improve: string } {
  const read = (blockId: string) => field(values, blockId, 'value', text)?.value?.trim() ?? '';
  return { done: read(reportIds.blocks.done), improve: read(reportIds.blocks.improve) };
}

export function readWeekStart(privateMetadata: string | undefined): LocalDate | undefined {
  const parsed = readMetadata(privateMetadata);
  return parsed ? toLocalDate(parsed.weekStart) : undefined;
}

/** When the form's facts were gathered; a form opened before it was kept reads as undefined. */
export function readFactsAt(privateMetadata: string | undefined): Date | undefined {
  const at = readMetadata(privateMetadata)?.factsAt;
  return at === undefined ? undefined : new Date(at);
}

function readMetadata(privateMetadata: string | undefined): z.output<typeof metadata> | undefined {
  try {
    const parsed = metadata.safeParse(JSON.parse(privateMetadata ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The summary modal submitted: the week and facts moment it carries, and the two texts. */
export function readReportSubmission(view: ViewOutput) {
  return {
    weekStart: readWeekStart(view.private_metadata),
    factsAt: readFactsAt(view.private_metadata),
    ...readReportForm(view.state.values as never),
  };
}
