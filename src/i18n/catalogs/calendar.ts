/** The team's leave calendar: the feed's own texts (in the team's language) and `npm run calendar`. */
export const en = {
  'calendar.name': '{{team}}: who is absent',
  'calendar.event_title': '{{name}} — absent',

  'calendar.usage': 'usage: npm run calendar -- token <team>\n       npm run calendar -- token <team> --revoke',
  'calendar.missing_command': 'say what to do: token',
  'calendar.unknown_command': '"{{value}}" is not a calendar command (known: token)',
  'calendar.missing_team': 'name the team whose calendar link to issue or revoke',
  'calendar.unknown_team': 'unknown team "{{value}}" (known: {{known}})',
  'calendar.issued':
    'A new link to the leave calendar of {{team}}. It is shown only this once; links issued before keep working (--revoke ends them all).',
  'calendar.token_line': 'token: {{token}}',
  'calendar.url_line': 'URL:   {{url}}',
  'calendar.no_public_url': 'PUBLIC_URL is not set: put the address people reach the app at in place of {{base}}.',
  'calendar.revoked': 'The leave calendar of {{team}}: every link revoked ({{count}}); they answer 404 from now on.',
  'calendar.nothing_to_revoke': 'The leave calendar of {{team}} has no link to revoke.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'calendar.name': '{{team}}缺勤日历',
  'calendar.event_title': '{{name}} — 缺勤',

  'calendar.usage': '用法:npm run calendar -- token <团队>\n      npm run calendar -- token <团队> --revoke',
  'calendar.missing_command': '请指明要做什么:token',
  'calendar.unknown_command': '"{{value}}"不是日历命令(可用的命令:token)',
  'calendar.missing_team': '请指明要签发或吊销哪个团队的日历链接',
  'calendar.unknown_team': '未知团队"{{value}}"(可用的团队:{{known}})',
  'calendar.issued': '{{team}}缺勤日历的新链接。它只显示这一次;之前签发的链接仍然有效(--revoke 会让它们全部失效)。',
  'calendar.token_line': '令牌:{{token}}',
  'calendar.url_line': '链接:{{url}}',
  'calendar.no_public_url': '未设置 PUBLIC_URL:请把 {{base}} 换成大家访问本应用的地址。',
  'calendar.revoked': '{{team}}缺勤日历:已吊销 {{count}} 个链接,今后访问它们会得到 404。',
  'calendar.nothing_to_revoke': '{{team}}缺勤日历没有可吊销的链接。',
} as const;
