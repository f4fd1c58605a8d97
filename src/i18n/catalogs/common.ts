export const en = {
  'common.error': 'Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, tell your lead.',
  'common.not_in_roster': "You are not in the roster yet, so shiftdesk can't help you with this. Ask your lead to add you to the org file.",
  'common.inactive': 'Your shiftdesk account is marked as inactive. Ask your lead if this is a mistake.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'common.error': '系统出了点问题,本次操作没有做任何更改。请再试一次;如果一直这样,请告诉你的组长。',
  'common.not_in_roster': '你还不在排班名单里,所以 shiftdesk 暂时无法为你办理。请联系组长把你加入组织名单。',
  'common.inactive': '你的 shiftdesk 账号已停用。如有误,请联系组长。',
};
