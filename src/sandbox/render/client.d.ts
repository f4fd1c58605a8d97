/** Types of ./client.js for the modules and tests that use it; the DOM stays opaque here. */
export type SlackObject = Record<string, unknown>;
export type StateValues = { [blockId: string]: { [actionId: string]: SlackObject } };

/** A browser element (the typecheck runs without the DOM library). */
export type DomElement = object;

export interface ReadOptions {
  /** The files Slack would send for a file_input; default: the JSON array in its `data-files`. */
  files?(input: DomElement): SlackObject[];
  /** A datetimepicker's `YYYY-MM-DDTHH:mm` as Unix seconds; default: in the zone of its `data-zone`, else UTC. */
  dateTimeSeconds?(local: string, input: DomElement): number | null;
  /** Milliseconds since the epoch for `action_ts`; default: now. */
  now?: number;
}

export function elementState(el: DomElement, options?: ReadOptions): SlackObject;
export function readViewState(root: DomElement, options?: ReadOptions): StateValues;
export function actionFrom(el: DomElement, options?: ReadOptions): SlackObject;
export function zonedSeconds(local: string, zone: string): number | null;
export function emptyRequiredBlocks(root: DomElement, options?: ReadOptions): string[];
export function interactiveElement(target: unknown): DomElement | null;
