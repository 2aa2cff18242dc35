/**
 * The input line's editing, as a pure reducer: text, a cursor, and the readline keys a
 * terminal user's fingers expect (Ctrl+A/E/U/K/W). Positions count code points, so the
 * cursor never splits an emoji.
 */

export interface Editor {
  readonly text: string;
  /** 0..length, in code points. */
  readonly cursor: number;
}

export type EditKey =
  | { readonly kind: 'insert'; readonly text: string }
  | {
      readonly kind:
        | 'backspace'
        | 'delete'
        | 'left'
        | 'right'
        | 'home'
        | 'end'
        /** Ctrl+U: everything before the cursor. */
        | 'kill-before'
        /** Ctrl+K: everything after the cursor. */
        | 'kill-after'
        /** Ctrl+W: the word before the cursor. */
        | 'kill-word';
    };

/** The keys whose meaning depends on where the line is typed: the name prompt or the chat. */
export interface LineAction {
  readonly kind: 'submit' | 'tab' | 'older' | 'newer';
}

/** A key for the input line: an edit, or an action for its owner. */
export type LineKey = EditKey | LineAction;

export const EMPTY: Editor = { text: '', cursor: 0 };

/** The editor holding `text`, cursor at the end (after recall or completion). */
export function editorWith(text: string): Editor {
  return { text, cursor: [...text].length };
}

export function edit(editor: Editor, key: EditKey): Editor {
  const chars = [...editor.text];
  const at = editor.cursor;
  const make = (before: string[], after: string[]): Editor => ({ text: [...before, ...after].join(''), cursor: before.length });
  const before = chars.slice(0, at);
  const after = chars.slice(at);
  switch (key.kind) {
    case 'insert':
      return make([...before, ...key.text], after);
    case 'backspace':
      return make(before.slice(0, -1), after);
    case 'delete':
      return make(before, after.slice(1));
    case 'left':
      return { ...editor, cursor: Math.max(0, at - 1) };
    case 'right':
      return { ...editor, cursor: Math.min(chars.length, at + 1) };
    case 'home':
      return { ...editor, cursor: 0 };
    case 'end':
      return { ...editor, cursor: chars.length };
    case 'kill-before':
      return make([], after);
    case 'kill-after':
      return make(before, []);
    case 'kill-word': {
      // Like readline's unix-word-rubout: white space before the cursor, then the word.
      let start = at;
      while (start > 0 && /\s/u.test(chars[start - 1] ?? '')) start--;
      while (start > 0 && !/\s/u.test(chars[start - 1] ?? '')) start--;
      return make(chars.slice(0, start), after);
    }
  }
}
