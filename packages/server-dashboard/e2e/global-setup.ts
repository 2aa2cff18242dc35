/** Before the browser tests: the console built for production, served at /dashboard/. */
import { buildAndServe } from '@charla/browser-testing';
import { DIST_DIR, PACKAGE_DIR, SERVED_DIR } from './paths';

export default function setup(): Promise<void> {
  return buildAndServe({ packageDir: PACKAGE_DIR, distDir: DIST_DIR, servedDir: SERVED_DIR });
}
