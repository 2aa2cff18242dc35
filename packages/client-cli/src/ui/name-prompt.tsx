/** Asks for a name: at start when none was given, and again after the server refused one. */
import { Box, Text } from 'ink';
import type { Editor } from '../chat/editor.js';
import type { Style } from '../format.js';
import type { Messages } from '../i18n/index.js';
import { sanitize } from '../sanitize.js';
import { EditorView } from './line-editor.js';

export interface NamePromptProps {
  /** Why the last name was refused, as the server said it; null on the first ask. */
  readonly problem: string | null;
  readonly editor: Editor;
  readonly style: Style;
  readonly t: Messages;
}

export function NamePrompt({ problem, editor, style, t }: NamePromptProps) {
  return (
    <Box flexDirection="column">
      {problem !== null && <Text>{style.red(sanitize(problem))}</Text>}
      <Box>
        <Text>{problem === null ? t.chat.yourName : t.chat.tryAnotherName}</Text>
        <EditorView editor={editor} />
      </Box>
    </Box>
  );
}
