export const en = {
  'common.error': 'Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, tell your lead.',
  'common.unknown_command':
    'shiftdesk does not answer {{command}}. Its commands are /leave, /swap, /handover and /report; each answers "help".',
  'common.unknown_request':
    'shiftdesk cannot use this button or form (it may be from an older version of a message). Nothing was changed; please start again from the command.',
  'common.text_too_long': 'That is too long for shiftdesk: at most {{max}} characters. Nothing was changed.',
  'common.not_in_roster': "You are not in the roster yet, so shiftdesk can't help you with this. Ask your lead to add you to the org file.",
  'common.inactive': 'Your shiftdesk account is marked as inactive. Ask your lead if this is a mistake.',
  'common.database_unreachable': "shiftdesk can't reach its database; try again in a minute.",
  'common.gave_up.leave':
    'Your leave request could not be filed: shiftdesk could not save it, even after trying again for a while. Nothing was filed; please send it again with `/leave`.',
  'common.gave_up.swap':
    'Your swap request could not be sent: shiftdesk could not save it, even after trying again for a while. Nothing was sent; please send it again with `/swap`.',
  'common.gave_up.handover':
    'Your handover could not be saved: shiftdesk could not save it, even after trying again for a while. Nothing was saved or posted; please write it again with `/handover`.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'common.error': '系统出了点问题,本次操作没有做任何更改。请再试一次;如果一直这样,请告诉你的组长。',
  'common.unknown_command':
    'shiftdesk 不处理 {{command}}。它的命令是 /leave、/swap、/handover 和 /report,每个命令都可以加 "help" 查看用法。',
  'common.unknown_request': 'shiftdesk 无法处理这个按钮或表单(可能来自旧版本的消息)。没有做任何更改;请从命令重新开始。',
  'common.text_too_long': '内容太长了:最多 {{max}} 个字符。没有做任何更改。',
  'common.not_in_roster': '你还不在排班名单里,所以 shiftdesk 暂时无法为你办理。请联系组长把你加入组织名单。',
  'common.inactive': '你的 shiftdesk 账号已停用。如有误,请联系组长。',
  'common.database_unreachable': 'shiftdesk 暂时连不上数据库,请一分钟后再试。',
  'common.gave_up.leave': '你的请假申请未能提交:shiftdesk 多次重试后仍无法保存。申请没有提交,请用 `/leave` 重新提交。',
  'common.gave_up.swap': '你的换班申请未能发出:shiftdesk 多次重试后仍无法保存。申请没有发出,请用 `/swap` 重新提交。',
  'common.gave_up.handover': '你的交接记录未能保存:shiftdesk 多次重试后仍无法保存。记录没有保存也没有发布,请用 `/handover` 重新填写。',
};
