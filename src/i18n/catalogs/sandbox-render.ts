export const en = {
  'sandbox.render.submit': 'Submit',
  'sandbox.render.cancel': 'Cancel',
  'sandbox.render.optional': '(optional)',
  'sandbox.render.choose': 'Select an option',
  'sandbox.render.choose_person': 'Select a person',
  'sandbox.render.more_actions': 'More actions',
  'sandbox.render.unsupported_block': 'unsupported block: {{type}}',
  'sandbox.render.unsupported_element': 'unsupported element: {{type}}',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'sandbox.render.submit': '提交',
  'sandbox.render.cancel': '取消',
  'sandbox.render.optional': '(可选)',
  'sandbox.render.choose': '选择一项',
  'sandbox.render.choose_person': '选择一个人',
  'sandbox.render.more_actions': '更多操作',
  'sandbox.render.unsupported_block': '不支持的区块:{{type}}',
  'sandbox.render.unsupported_element': '不支持的元素:{{type}}',
};
