import * as common from './common.js';
import * as format from './format.js';
import * as help from './help.js';
import * as home from './home.js';

/** Every area's messages merged; the zh-CN side of each area is typed by its en keys. */
export const catalogs = {
  en: { ...common.en, ...format.en, ...help.en, ...home.en },
  'zh-CN': { ...common.zhCN, ...format.zhCN, ...help.zhCN, ...home.zhCN },
} as const;

export type MessageKey = keyof typeof catalogs.en;
