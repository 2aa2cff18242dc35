/**
 * Enter, Tab, Up and Down on the chat's input line: submit (remembering the line for
 * recall), complete a name or command, walk through earlier lines.
 */
import { complete } from './complete.js';
import { editorWith, EMPTY } from './editor.js';
import type { Editor, LineAction } from './editor.js';
import type { Recall } from './recall.js';

export interface ChatKeyResult {
  readonly editor: Editor;
  /** The line to send or run, on Enter. */
  readonly submitted?: string;
  /** Completion candidates, when Tab found several. */
  readonly matches?: readonly string[];
}

export function chatKey(action: LineAction, editor: Editor, recall: Recall, names: readonly string[]): ChatKeyResult {
  switch (action.kind) {
    case 'submit':
      recall.add(editor.text);
      return { editor: EMPTY, submitted: editor.text };
    case 'tab': {
      const completion = complete(editor.text, names);
      return { editor: editorWith(completion.value), matches: completion.matches };
    }
    case 'older': {
      const older = recall.older(editor.text);
      return { editor: older === null ? editor : editorWith(older) };
    }
    case 'newer': {
      const newer = recall.newer();
      return { editor: newer === null ? editor : editorWith(newer) };
    }
  }
}
