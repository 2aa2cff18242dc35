import { describe, expect, it } from 'vitest';
import { pageFromHash, pageHref } from './route';

describe('hash routes', () => {
  it('reads the section from the hash, and anything unknown is the overview', () => {
    expect(pageFromHash('#/users')).toBe('users');
    expect(pageFromHash('#users')).toBe('users');
    expect(pageFromHash('#/audit/extra')).toBe('audit');
    expect(pageFromHash('')).toBe('overview');
    expect(pageFromHash('#/nope')).toBe('overview');
    expect(pageFromHash('#/constructor')).toBe('overview');
    expect(pageHref('bans')).toBe('#/bans');
  });
});
