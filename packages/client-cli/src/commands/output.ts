/** Writing the scripting commands' output: text lines or NDJSON, one record a line. */
import type { Io } from '../context.js';
import { jsonLine } from '../sanitize.js';

export function printLine(io: Io, text: string): void {
  io.stdout.write(`${text}\n`);
}

export function printJson(io: Io, value: unknown): void {
  printLine(io, jsonLine(value));
}
