export { browserAvailable, CHROMIUM, launchChromium } from './browser.js';
export { seriousViolations } from './axe.js';
export { startProxy } from './proxy.js';
export type { Proxy } from './proxy.js';
export { buildAndServe } from './build.js';
export { cspViolations, openPage } from './page.js';
export type { OpenedPage, OpenPageOptions } from './page.js';
