/** Asks for a name: at start when none was given, and again after the server refused one. */
import { Box, Text } from 'ink';
import type { Editor } from '../chat/editor.js';
import type { Style } from '../format.js';
import { sanitize } from '../sanitize.js';
import { EditorView } from './line-editor.js';

export interface NamePromptProps {
  /** Why the last name was refused, as the server said it; null on the first ask. */
  readonly problem: string | null;
  readonly editor: Editor;
  readonly style: Style;
}

export function NamePrompt({ problem, editor, style }: NamePromptProps) {
  return (
    <Box flexDirection="column">
      {problem !== null && <Text>{style.red(sanitize(problem))}</Text>}
      <Box>
        <Text>{problem === null ? 'Your name: ' : 'Try another name: '}</Text>
        <EditorView editor={editor} />
      </Box>
    </Box>
  );
}
