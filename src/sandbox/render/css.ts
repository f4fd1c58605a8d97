export const sandboxCss = '';
