import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));
/** Where the server serves the chat from: its own build copies our dist here too. */
export const SERVED_DIR = fileURLToPath(new URL('../../server/public/chat', import.meta.url));
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts', import.meta.url));
