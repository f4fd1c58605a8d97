/** What drawing a surface needs to know of the workspace and its reader. */
export interface RenderContext {
  /** Display name for a user id (<@U…> mentions, users_select options); undefined = show the id. */
  userName(id: string): string | undefined;
  /** Channel name for a channel id (<#C…>); undefined = show the id. */
  channelName(id: string): string | undefined;
  /** The page's own words ("only visible to you", "Cancel"…) follow the acting person's language. */
  readonly locale: 'zh-CN' | 'en';
  /** People offered by users_select elements. */
  readonly users: readonly { id: string; name: string }[];
  /** Where a link really goes for the person looking (the stand-in's file URLs learn who asks); default: unchanged. */
  link?(url: string): string;
  /** The viewer's Slack time zone: a datetimepicker shows and reads its time there. Default: UTC. */
  readonly timeZone?: string;
}
