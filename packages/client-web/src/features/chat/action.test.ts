import { describe, expect, it } from 'vitest';
import { actionText } from './action';

describe('/me actions', () => {
  it('reads "/me ACTION" as an action and anything else as a message', () => {
    expect(actionText('/me saluda')).toBe('saluda');
    expect(actionText('/me')).toBeNull();
    expect(actionText('/me   ')).toBeNull();
    expect(actionText('hola /me saluda')).toBeNull();
    expect(actionText('/mensaje')).toBeNull();
  });
});
