export const en = {
  'home.title': 'shiftdesk',
  'home.greeting': 'Hello {{name}} — {{role}}, {{team}}.',
  'home.next_shifts': '*Your shifts in the next {{days}} days*',
  'home.no_shifts': 'No shifts rostered in the next {{days}} days.',
  'home.shift_line': '{{date}} · {{shift}} {{times}}{{status}}',
  'home.status.on_leave': ' — on leave',
  'home.status.swapped': ' — swapped',
  'home.commands': 'Type `/leave`, `/swap`, `/handover` or `/report` followed by `help` to see what each can do.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'home.title': 'shiftdesk',
  'home.greeting': '{{name}},你好 — {{team}} {{role}}。',
  'home.next_shifts': '*未来 {{days}} 天的班次*',
  'home.no_shifts': '未来 {{days}} 天没有排班。',
  'home.shift_line': '{{date}} · {{shift}} {{times}}{{status}}',
  'home.status.on_leave': ' — 请假',
  'home.status.swapped': ' — 已换班',
  'home.commands': '输入 `/leave` 、 `/swap` 、 `/handover` 或 `/report` 加 `help`,查看各命令的用法。',
};
