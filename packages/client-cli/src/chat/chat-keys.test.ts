import { describe, expect, it } from 'vitest';
import { chatKey } from './chat-keys.js';
import { editorWith, EMPTY } from './editor.js';
import { Recall } from './recall.js';

describe('chatKey', () => {
  it('submits the line, empties the editor and remembers the line for Up', () => {
    const recall = new Recall();
    expect(chatKey({ kind: 'submit' }, editorWith('hola'), recall, [])).toEqual({ editor: EMPTY, submitted: 'hola' });
    expect(chatKey({ kind: 'older' }, EMPTY, recall, [])).toEqual({ editor: editorWith('hola') });
    expect(chatKey({ kind: 'newer' }, editorWith('hola'), recall, [])).toEqual({ editor: EMPTY });
  });

  it('completes with Tab, putting the cursor at the end, and passes the candidates on', () => {
    expect(chatKey({ kind: 'tab' }, editorWith('/msg b'), new Recall(), ['bea', 'cy'])).toEqual({ editor: { text: '/msg bea ', cursor: 9 }, matches: [] });
    expect(chatKey({ kind: 'tab' }, editorWith('/h'), new Recall(), [])).toEqual({ editor: editorWith('/h'), matches: ['/help', '/history'] });
  });

  it('keeps the line when there is nothing to recall', () => {
    expect(chatKey({ kind: 'older' }, editorWith('borrador'), new Recall(), [])).toEqual({ editor: editorWith('borrador') });
  });
});
