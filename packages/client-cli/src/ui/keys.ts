/**
 * ink's input events as the input line's keys. ink reports one key at a time, except that a
 * run of text (pasted, or typed faster than it reads) arrives as one chunk, Enter, Tab and
 * Backspace included: "hola\r" is text, not text then Enter. The chunk is split here, so a
 * line break in it submits, a tab completes and a backspace erases, and any other control
 * character is dropped instead of landing in the input.
 */
import type { Key } from 'ink';
import type { LineKey } from '../chat/editor.js';

/** Ctrl+letter: the readline bindings; other Ctrl keys do nothing. */
const CTRL: Readonly<Record<string, LineKey>> = {
  a: { kind: 'home' },
  e: { kind: 'end' },
  b: { kind: 'left' },
  f: { kind: 'right' },
  d: { kind: 'delete' },
  u: { kind: 'kill-before' },
  k: { kind: 'kill-after' },
  w: { kind: 'kill-word' },
};

export function keysOf(input: string, key: Key): LineKey[] {
  if (key.return) return [{ kind: 'submit' }];
  if (key.tab) return [{ kind: 'tab' }];
  if (key.upArrow) return [{ kind: 'older' }];
  if (key.downArrow) return [{ kind: 'newer' }];
  if (key.leftArrow) return [{ kind: 'left' }];
  if (key.rightArrow) return [{ kind: 'right' }];
  if (key.home) return [{ kind: 'home' }];
  if (key.end) return [{ kind: 'end' }];
  // Terminals send DEL (0x7f) for Backspace; ink calls that "delete", like the Delete key.
  if (key.backspace || key.delete) return [{ kind: 'backspace' }];
  if (key.ctrl) {
    const bound = CTRL[input];
    return bound === undefined ? [] : [bound];
  }
  if (key.meta || key.escape || key.pageUp || key.pageDown) return [];
  return chunkKeys(input);
}

/** A run of text, control characters and all, as keys. */
function chunkKeys(chunk: string): LineKey[] {
  const keys: LineKey[] = [];
  let text = '';
  for (const char of chunk.replaceAll('\r\n', '\n')) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && (code < 0x7f || code > 0x9f)) {
      text += char;
      continue;
    }
    const key = controlKey(char);
    if (key === undefined) continue; // any other control character is dropped
    if (text !== '') keys.push({ kind: 'insert', text });
    text = '';
    keys.push(key);
  }
  if (text !== '') keys.push({ kind: 'insert', text });
  return keys;
}

/** A control character inside a chunk, as the key that sends it alone; others are dropped. */
function controlKey(char: string): LineKey | undefined {
  if (char === '\r' || char === '\n') return { kind: 'submit' };
  if (char === '\t') return { kind: 'tab' };
  if (char === '\u007f' || char === '\b') return { kind: 'backspace' };
  const code = char.codePointAt(0) ?? 0;
  // Ctrl+A is 0x01 ... Ctrl+Z is 0x1a.
  return code >= 0x01 && code <= 0x1a ? CTRL[String.fromCharCode(code + 0x60)] : undefined;
}

/** Ctrl+C, alone or inside a chunk. */
export function isInterrupt(input: string, key: Key): boolean {
  return (key.ctrl && input === 'c') || input.includes('\u0003');
}
