/**
 * The ways a user or a pipe asks a command to stop, all of them a clean exit 0: SIGINT
 * (Ctrl+C), SIGTERM, SIGHUP, and stdout closed by its reader (`charla listen | head -1`).
 * Node ignores SIGPIPE, so a closed pipe shows up as an EPIPE error on stdout instead.
 */
import type { Io } from './context.js';

/** Ctrl+C, a polite kill, the terminal closing: each is a request to leave cleanly. */
export const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopWatch {
  readonly stopped: Promise<void>;
  dispose(): void;
}

export function watchStop(io: Io): StopWatch {
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const onOutputError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') stop();
  };
  for (const signal of SIGNALS) process.on(signal, stop);
  io.stdout.on('error', onOutputError);
  return {
    stopped,
    dispose() {
      for (const signal of SIGNALS) process.off(signal, stop);
      io.stdout.off('error', onOutputError);
    },
  };
}

/**
 * For the whole run: a closed stdout (`charla --help | head -1`) is the reader's choice, not
 * a crash; later writes fail the same way and are ignored too. Other output errors are real.
 */
export function tolerateClosedOutput(io: Io): void {
  io.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
