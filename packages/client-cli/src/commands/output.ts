/** Writing the scripting commands' output: text lines or NDJSON, one record a line. */
import type { Io } from '../context.js';
import { jsonLine } from '../sanitize.js';

export function printLine(io: Io, text: string): void {
  io.stdout.write(`${text}\n`);
}

export function printJson(io: Io, value: unknown): void {
  printLine(io, jsonLine(value));
}

/** A command's answer: with `json` as it came, on one line; otherwise the lines `render` makes of it. */
export function printAnswer<T>(io: Io, json: boolean | undefined, answer: T, render: (answer: T) => readonly string[]): void {
  if (json) printJson(io, answer);
  else for (const line of render(answer)) printLine(io, line);
}
