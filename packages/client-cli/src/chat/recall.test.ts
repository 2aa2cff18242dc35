import { describe, expect, it } from 'vitest';
import { Recall } from './recall.js';

describe('Recall', () => {
  it('walks back with Up and forward with Down, ending at the line being typed', () => {
    const recall = new Recall();
    recall.add('uno');
    recall.add('dos');
    expect(recall.older('borrador')).toBe('dos');
    expect(recall.older('dos')).toBe('uno');
    expect(recall.older('uno')).toBeNull();
    expect(recall.newer()).toBe('dos');
    expect(recall.newer()).toBe('borrador');
    expect(recall.newer()).toBeNull();
  });

  it('skips blank lines and a repeat of the last line, and keeps at most `max`', () => {
    const recall = new Recall(2);
    for (const line of ['a', 'a', ' ', 'b', 'c']) recall.add(line);
    expect(recall.older('')).toBe('c');
    expect(recall.older('')).toBe('b');
    expect(recall.older('')).toBeNull();
  });

  it('starts over from the newest after a submit', () => {
    const recall = new Recall();
    recall.add('uno');
    recall.add('dos');
    recall.older('');
    recall.older('');
    recall.add('tres');
    expect(recall.older('')).toBe('tres');
  });
});
