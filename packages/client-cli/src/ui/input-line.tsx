/**
 * The chat's input line, with the completion candidates under it when Tab found several. It
 * lives in ink's dynamic area, under the scrollback, so incoming messages never land inside
 * what is being typed.
 */
import { Box, Text } from 'ink';
import type { Editor } from '../chat/editor.js';
import type { Style } from '../format.js';
import { sanitize } from '../sanitize.js';
import { EditorView } from './line-editor.js';

export interface InputLineProps {
  readonly prompt: string;
  readonly editor: Editor;
  readonly matches: readonly string[];
  readonly style: Style;
}

export function InputLine({ prompt, editor, matches, style }: InputLineProps) {
  return (
    <Box flexDirection="column">
      <Box>
        <Text>{prompt}</Text>
        <EditorView editor={editor} />
      </Box>
      {matches.length > 0 && <Text>{style.dim(matches.map(sanitize).join('  '))}</Text>}
    </Box>
  );
}
