export const en = {
  'home.title': 'shiftdesk',
  'home.greeting': 'Hello {{name}} — {{role}}, {{team}}.',
  'home.commands': 'Type `/leave`, `/swap`, `/handover` or `/report` followed by `help` to see what each can do.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'home.title': 'shiftdesk',
  'home.greeting': '{{name}},你好 — {{team}} {{role}}。',
  'home.commands': '输入 `/leave` 、 `/swap` 、 `/handover` 或 `/report` 加 `help`,查看各命令的用法。',
};
