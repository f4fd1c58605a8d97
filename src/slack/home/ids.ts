/** The Home tab's own buttons: paging through "Waiting for you". */
export const homeIds = {
  /** The value is how many of the most urgent items the next page skips. */
  page: 'home.inbox_page',
  pageFirst: 'home.inbox_first',
} as const;
