/** Types of ./client.js, for the server that serves it and for its tests. */
export type SlackObject = Record<string, unknown>;
export type StateValues = { [blockId: string]: { [actionId: string]: SlackObject } };

/** The part of the DOM client.js uses; a real browser's elements have all of it. */
export interface ElementLike {
  readonly dataset: Record<string, string | undefined>;
  readonly value?: string;
  readonly checked?: boolean;
  readonly selected?: boolean;
  querySelectorAll(selectors: string): Iterable<ElementLike> & ArrayLike<ElementLike>;
  closest?(selectors: string): ElementLike | null;
}

export interface ReadOptions {
  /** The files Slack would send for a file_input; default: the JSON array in its `data-files`. */
  files?(input: ElementLike): SlackObject[];
  /** A datetimepicker's `YYYY-MM-DDTHH:mm` as Unix seconds; default: the browser's time zone. */
  dateTimeSeconds?(local: string, input: ElementLike): number | null;
  /** Milliseconds since the epoch for `action_ts`; default: now. */
  now?: number;
}

export function elementState(el: ElementLike, options?: ReadOptions): SlackObject;
export function readViewState(root: Pick<ElementLike, 'querySelectorAll'>, options?: ReadOptions): StateValues;
export function actionFrom(el: ElementLike, options?: ReadOptions): SlackObject;
export function interactiveElement(target: unknown): ElementLike | null;
