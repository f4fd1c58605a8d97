/** /swap: the refusals of the swap rules (the Slack flow builds on these). */
export const en = {
  'swap.refusal.self': 'Pick a colleague other than yourself.',
  'swap.refusal.not_rostered': 'The {{shift}} shift on {{date}} is not on the roster as given any more; pick it again.',
  'swap.refusal.already_on_shift': '{{person}} already works the {{shift}} shift on {{date}}.',
  'swap.refusal.pending': 'This shift already has a swap waiting for an answer.',
  'swap.refusal.other_team': 'Swaps stay within your team; {{person}} is in another team.',
  'swap.refusal.cannot_staff': 'Team {{team}} does not work the {{shift}} shift.',
  'swap.refusal.on_leave': 'Your colleague is on approved leave on {{date}} and cannot take a shift that day.',
  'swap.refusal.on_leave_self': 'You are on approved leave on {{date}} and cannot take a shift that day.',
  'swap.refusal.notice': 'Swaps need {{noticeMinutes}} notice before the earlier of the two shifts; the earliest is on {{earliestDate}}.',
  'swap.refusal.overlap': 'After the swap {{person}} would have two shifts at once ({{shift}} on {{date}}).',
  'swap.refusal.rest': 'After the swap {{person}} would rest only {{restMinutes}} between two shifts; at least {{minRestMinutes}} are needed.',
  'swap.refusal.consecutive': 'After the swap {{person}} would work {{days}} days in a row; at most {{max}} are allowed.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'swap.refusal.self': '请选择除你以外的同事。',
  'swap.refusal.not_rostered': '{{date}} 的 {{shift}} 班次已不在排班表上,请重新选择。',
  'swap.refusal.already_on_shift': '{{person}} 已经在 {{date}} 上 {{shift}} 班。',
  'swap.refusal.pending': '这个班次已有一个待答复的换班申请。',
  'swap.refusal.other_team': '只能和本团队的同事换班;{{person}} 属于其他团队。',
  'swap.refusal.cannot_staff': '{{team}} 团队不上 {{shift}} 班。',
  'swap.refusal.on_leave': '同事在 {{date}} 已批准请假,当天不能接班。',
  'swap.refusal.on_leave_self': '你在 {{date}} 已批准请假,当天不能接班。',
  'swap.refusal.notice': '换班须在两个班次中较早的一个开始前提前 {{noticeMinutes}}申请;最早可换 {{earliestDate}}的班次。',
  'swap.refusal.overlap': '换班后 {{person}} 会同时有两个班次({{date}} 的 {{shift}} 班)。',
  'swap.refusal.rest': '换班后 {{person}} 两个班次之间只能休息 {{restMinutes}},至少需要 {{minRestMinutes}}。',
  'swap.refusal.consecutive': '换班后 {{person}} 将连续工作 {{days}} 天,最多允许 {{max}} 天。',
};
