import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));
/** Where the server serves the console from (`/dashboard/`): its own build copies our dist here too. */
export const SERVED_DIR = fileURLToPath(new URL('../../server/public/dashboard', import.meta.url));
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts', import.meta.url));
/** The child process that holds many real chat connections (see crowd-process.mjs). */
export const CROWD_SCRIPT = fileURLToPath(new URL('./crowd-process.mjs', import.meta.url));
