/**
 * The input line in ink: keys in (ui/keys.ts), edits applied (chat/editor.ts), the text
 * drawn with the cursor as an inverse cell. One editor serves the whole app, from its first
 * render: what is typed while connecting is kept, and no key is lost while a prompt mounts.
 * (ink-text-input is not used: it inserts a fast-typed or pasted chunk whole, Enter and
 * Backspace included, and types a letter for every Ctrl key.)
 */
import { Text, useInput } from 'ink';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { edit, EMPTY } from '../chat/editor.js';
import type { Editor, LineAction, LineKey } from '../chat/editor.js';
import { keysOf } from './keys.js';

const ACTIONS: ReadonlySet<LineKey['kind']> = new Set(['submit', 'tab', 'older', 'newer']);
const isAction = (key: LineKey): key is LineAction => ACTIONS.has(key.kind);

/**
 * The line being typed. `act` answers Enter, Tab, Up and Down with the editor to show next;
 * `changed` hears the result of every input event.
 */
export function useLineEditor(act: (action: LineAction, editor: Editor) => Editor, changed: (editor: Editor) => void): Editor {
  // Several input events can come in one read, before React re-renders: each builds on the
  // last one's result (a ref), not on the state of the previous render.
  const latest = useRef(EMPTY);
  const [editor, setEditor] = useState(EMPTY);
  // The newest callbacks, read by one stable handler, so ink never resubscribes it.
  const handlers = useRef({ act, changed });
  useLayoutEffect(() => {
    handlers.current = { act, changed };
  });
  const onInput = useCallback((input: string, key: Parameters<typeof keysOf>[1]) => {
    let next = latest.current;
    for (const lineKey of keysOf(input, key)) next = isAction(lineKey) ? handlers.current.act(lineKey, next) : edit(next, lineKey);
    latest.current = next;
    setEditor(next);
    handlers.current.changed(next);
  }, []);
  useInput(onInput);
  return editor;
}

export function EditorView({ editor }: { readonly editor: Editor }) {
  const chars = [...editor.text];
  return (
    <Text>
      {chars.slice(0, editor.cursor).join('')}
      <Text inverse>{chars[editor.cursor] ?? ' '}</Text>
      {chars.slice(editor.cursor + 1).join('')}
    </Text>
  );
}
