import { describe, expect, it } from 'vitest';
import { edit, editorWith, EMPTY } from './editor.js';
import type { EditKey, Editor } from './editor.js';

const run = (start: Editor, ...keys: EditKey[]) => keys.reduce(edit, start);

describe('edit', () => {
  it('inserts at the cursor and moves it', () => {
    const editor = run(EMPTY, { kind: 'insert', text: 'hla' }, { kind: 'left' }, { kind: 'left' }, { kind: 'insert', text: 'o' });
    expect(editor).toEqual({ text: 'hola', cursor: 2 });
  });

  it('erases before and after the cursor, never past the ends', () => {
    expect(run(editorWith('hola'), { kind: 'backspace' })).toEqual({ text: 'hol', cursor: 3 });
    expect(run(editorWith('hola'), { kind: 'home' }, { kind: 'delete' })).toEqual({ text: 'ola', cursor: 0 });
    expect(run(editorWith('a'), { kind: 'home' }, { kind: 'backspace' }, { kind: 'left' })).toEqual({ text: 'a', cursor: 0 });
    expect(run(editorWith('a'), { kind: 'delete' }, { kind: 'right' })).toEqual({ text: 'a', cursor: 1 });
  });

  it('has the readline kills: Ctrl+U, Ctrl+K, Ctrl+W', () => {
    const middle = run(editorWith('uno dos tres'), { kind: 'left' }, { kind: 'left' }, { kind: 'left' }, { kind: 'left' });
    expect(edit(middle, { kind: 'kill-before' })).toEqual({ text: 'tres', cursor: 0 });
    expect(edit(middle, { kind: 'kill-after' })).toEqual({ text: 'uno dos ', cursor: 8 });
    expect(edit(middle, { kind: 'kill-word' })).toEqual({ text: 'uno tres', cursor: 4 });
  });

  it('moves over an emoji as one character', () => {
    expect(run(editorWith('a🎉'), { kind: 'left' }, { kind: 'backspace' })).toEqual({ text: '🎉', cursor: 0 });
    expect(run(editorWith('a🎉'), { kind: 'backspace' })).toEqual({ text: 'a', cursor: 1 });
  });
});
