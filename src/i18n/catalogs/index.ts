import * as calendar from './calendar.js';
import * as attendance from './attendance.js';
import * as attendanceNotices from './attendance-notices.js';
import * as common from './common.js';
import * as coverage from './coverage.js';
import * as format from './format.js';
import * as handover from './handover.js';
import * as help from './help.js';
import * as home from './home.js';
import * as homeInbox from './home-inbox.js';
import * as leave from './leave.js';
import * as myWeek from './my-week.js';
import * as orgImport from './org-import.js';
import * as report from './report.js';
import * as sandboxRender from './sandbox-render.js';
import * as sandbox from './sandbox.js';
import * as swap from './swap.js';

/** Every area's messages merged; the zh-CN side of each area is typed by its en keys. */
export const catalogs = {
  en: {
    ...calendar.en,
    ...attendance.en,
    ...attendanceNotices.en,
    ...common.en,
    ...coverage.en,
    ...format.en,
    ...handover.en,
    ...help.en,
    ...home.en,
    ...homeInbox.en,
    ...leave.en,
    ...myWeek.en,
    ...orgImport.en,
    ...report.en,
    ...sandboxRender.en,
    ...sandbox.en,
    ...swap.en,
  },
  'zh-CN': {
    ...calendar.zhCN,
    ...attendance.zhCN,
    ...attendanceNotices.zhCN,
    ...common.zhCN,
    ...coverage.zhCN,
    ...format.zhCN,
    ...handover.zhCN,
    ...help.zhCN,
    ...home.zhCN,
    ...homeInbox.zhCN,
    ...leave.zhCN,
    ...myWeek.zhCN,
    ...orgImport.zhCN,
    ...report.zhCN,
    ...sandboxRender.zhCN,
    ...sandbox.zhCN,
    ...swap.zhCN,
  },
} as const;

export type MessageKey = keyof typeof catalogs.en;
