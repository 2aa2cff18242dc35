// Shared Vite settings for the two React apps.
import type { Plugin } from 'vite';

/**
 * Ctrl-C is how a developer stops `pnpm dev`, yet Vite's dev server dies of a SIGINT (it
 * handles only SIGTERM, and exits 143 then), which pnpm reports as a failed command. Close
 * the server and exit 0 instead. pnpm forwards the signal to its children too, so a child
 * sees it more than once, and a second one as a SIGTERM: every stop signal counts once, and
 * the exit code is settled before Vite's own handler could set it.
 */
export const exitCleanlyOnCtrlC: Plugin = {
  name: 'charla:exit-cleanly-on-ctrl-c',
  apply: 'serve',
  configureServer(server) {
    let stopping = false;
    const stop = () => {
      process.exitCode = 0;
      if (stopping) return;
      stopping = true;
      void server.close().finally(() => process.exit());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
};
