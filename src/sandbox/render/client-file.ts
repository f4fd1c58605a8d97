/**
 * Where the page script lives: ./client.js, plain JavaScript served to the browser as is (the build
 * copies it to dist with `allowJs`), so it sits next to this module both under src and in dist.
 */
export const clientScriptFile: URL = new URL('./client.js', import.meta.url);
