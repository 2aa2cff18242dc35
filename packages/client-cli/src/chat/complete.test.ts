import { describe, expect, it } from 'vitest';
import { complete } from './complete.js';

const NAMES = ['bea', 'Beto', 'cy'];

describe('complete', () => {
  it('completes a command at the start of the line', () => {
    expect(complete('/us', NAMES)).toEqual({ value: '/users ', matches: [] });
    expect(complete('/h', NAMES)).toEqual({ value: '/h', matches: ['/help', '/history'] });
  });

  it('completes the last word to a name, ignoring case', () => {
    expect(complete('/msg c', NAMES)).toEqual({ value: '/msg cy ', matches: [] });
    expect(complete('hola C', NAMES)).toEqual({ value: 'hola cy ', matches: [] });
  });

  it('extends to the longest common prefix and lists the candidates', () => {
    expect(complete('/msg b', NAMES)).toEqual({ value: '/msg be', matches: ['bea', 'Beto'] });
  });

  it('leaves the input alone when nothing matches', () => {
    expect(complete('hola zz', NAMES)).toEqual({ value: 'hola zz', matches: [] });
    expect(complete('/zz', NAMES)).toEqual({ value: '/zz', matches: [] });
  });
});
