export const en = {
  'common.error': 'Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, tell your lead.',
  'common.unknown_command': 'shiftdesk does not answer {{command}}. Its commands are /leave, /swap, /handover and /report; each answers "help".',
  'common.unknown_request': 'shiftdesk cannot use this button or form (it may be from an older version of a message). Nothing was changed; please start again from the command.',
  'common.text_too_long': 'That is too long for shiftdesk: at most {{max}} characters. Nothing was changed.',
  'common.not_in_roster': "You are not in the roster yet, so shiftdesk can't help you with this. Ask your lead to add you to the org file.",
  'common.inactive': 'Your shiftdesk account is marked as inactive. Ask your lead if this is a mistake.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'common.error': '系统出了点问题,本次操作没有做任何更改。请再试一次;如果一直这样,请告诉你的组长。',
  'common.unknown_command': 'shiftdesk 不处理 {{command}}。它的命令是 /leave、/swap、/handover 和 /report,每个命令都可以加 "help" 查看用法。',
  'common.unknown_request': 'shiftdesk 无法处理这个按钮或表单(可能来自旧版本的消息)。没有做任何更改;请从命令重新开始。',
  'common.text_too_long': '内容太长了:最多 {{max}} 个字符。没有做任何更改。',
  'common.not_in_roster': '你还不在排班名单里,所以 shiftdesk 暂时无法为你办理。请联系组长把你加入组织名单。',
  'common.inactive': '你的 shiftdesk 账号已停用。如有误,请联系组长。',
};
