/* eslint-disable no-control-regex -- these tests look for control characters */
import { describe, expect, it } from 'vitest';
import { createStyle } from '../format.js';
import { columns, oneLine, table } from './table.js';

describe('columns', () => {
  it('pads every column but the last to its widest cell, counting code points', () => {
    expect(columns([['a', 'bb', 'x'], ['ccc', 'ñ', 'yy']])).toEqual(['a    bb  x', 'ccc  ñ   yy']);
  });

  it('keeps each row on one line with terminal commands replaced, and leaves no trailing gap', () => {
    expect(columns([['\u001b[2J', 'dos\nlíneas\tmás', '']])).toEqual(['^[[2J  dos líneas más']);
    expect(oneLine('\u202eevil')).toBe('\ufffdevil');
  });
});

describe('table', () => {
  it('aligns the header with the rows and sets it in bold only when colour is on', () => {
    expect(table(['ID', 'NAME'], [['12', 'ana']], createStyle(false))).toEqual(['ID  NAME', '12  ana']);
    expect(table(['ID', 'NAME'], [['12', 'ana']], createStyle(true))[0]).toMatch(/^\u001b\[1mID {2}NAME\u001b\[22m$/u);
  });
});
