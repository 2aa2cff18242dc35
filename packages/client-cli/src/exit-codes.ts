/**
 * The CLI's exit codes (docs/admin-api.md and the README): the one table, so scripts can tell "fix your command"
 * from "the server said no" from "the network failed".
 */
export const EXIT = {
  /** Done; a stop by SIGINT (Ctrl+C) or SIGPIPE (the reader went away) included. */
  ok: 0,
  /** Bad arguments or options; a name is needed and there is no terminal to ask for it. */
  usage: 1,
  /** The server said no: identification refused, kicked, a message refused, unauthorized. */
  refused: 2,
  /** Cannot connect, the connection was lost, or the server closed. */
  network: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Ends a command: `message` goes to stderr as one line, `exitCode` to the shell. */
export class CliFailure extends Error {
  // A literal, not the class name: bundlers rename classes.
  override readonly name = 'CliFailure';

  constructor(
    readonly exitCode: Exclude<ExitCode, 0>,
    message: string,
  ) {
    super(message);
  }
}

export function usageError(message: string): CliFailure {
  return new CliFailure(EXIT.usage, message);
}
