import { describe, expect, it } from 'vitest';
import { contentCount } from './contentCounter';

describe('contentCount', () => {
  it('stays hidden until 90% of the limit', () => {
    expect(contentCount('a'.repeat(89), 100)).toEqual({ visible: false, remaining: 11, over: false });
    expect(contentCount('a'.repeat(90), 100)).toEqual({ visible: true, remaining: 10, over: false });
  });

  it('counts code points: 100 emoji fill a limit of 100 exactly', () => {
    const emoji = '😀'.repeat(100);
    expect(emoji.length).toBe(200);
    expect(contentCount(emoji, 100)).toEqual({ visible: true, remaining: 0, over: false });
    expect(contentCount(`${emoji}!`, 100)).toEqual({ visible: true, remaining: -1, over: true });
  });
});
