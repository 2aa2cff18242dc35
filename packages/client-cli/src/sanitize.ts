/**
 * Text from the network is data, never terminal commands. A message
 * could otherwise move the cursor, clear the screen, retitle the window, write the clipboard
 * (OSC 52) or reverse how a line reads (bidi overrides). Everything the CLI prints that came
 * from the server goes through `sanitize` (text) or `jsonLine` (NDJSON).
 */

/**
 * C0 controls but tab and newline, DEL, C1 controls, and the bidi controls: embeddings and
 * overrides (U+202A–U+202E), isolates (U+2066–U+2069), marks (U+200E, U+200F, U+061C).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const REPLACEMENT = '\ufffd';

/**
 * Replaces every unsafe character by a visible stand-in: C0 controls and DEL in caret
 * notation, as `cat -v` and `less` show them (ESC is `^[`, CR `^M`, DEL `^?`), so a reader
 * sees what was sent; C1 and bidi controls by U+FFFD.
 */
export function sanitize(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
    if (code === 0x7f) return '^?';
    return REPLACEMENT;
  });
}

/**
 * One value as one line of JSON (NDJSON). JSON.stringify escapes C0 controls but writes DEL,
 * C1 and bidi controls raw; they are escaped here too, so the line is safe on a terminal and
 * still decodes to exactly the same value.
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
