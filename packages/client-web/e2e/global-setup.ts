/** Before the browser tests: the chat built for production, where the server serves it. */
import { buildAndServe } from '@charla/browser-testing';
import { DIST_DIR, PACKAGE_DIR, SERVED_DIR } from './paths';

export default function setup(): Promise<void> {
  return buildAndServe({ packageDir: PACKAGE_DIR, distDir: DIST_DIR, servedDir: SERVED_DIR });
}
