import { describe, expect, it } from 'vitest';
import { describeWarning } from './describeWarning.js';
import { formatTable } from './formatTable.js';

describe('formatTable', () => {
  it('right-aligns numeric columns, left-aligns the others, two spaces apart, no trailing spaces', () => {
    const text = formatTable(
      ['name', 'k', 'BIC'],
      [
        ['full', '3', '-12.5'],
        ['diag', '10', '1e3'],
      ],
    );
    expect(text).toBe(['name   k    BIC', 'full   3  -12.5', 'diag  10    1e3'].join('\n'));
  });

  it('prints marks in a column of their own and honours explicit alignment', () => {
    const text = formatTable(
      ['a', 'b'],
      [
        ['1', 'x'],
        ['22', 'y'],
      ],
      {
        marks: ['*', ''],
        align: ['left', 'right'],
      },
    );
    expect(text).toBe(['  a   b', '* 1   x', '  22  y'].join('\n'));
  });
});

describe('describeWarning', () => {
  it('describes every warning kind in one line, numbering components from 0', () => {
    expect(describeWarning({ kind: 'not-converged', restart: 1, iterations: 100 })).toBe(
      'restart 1 did not converge in 100 iterations',
    );
    expect(
      describeWarning({
        kind: 'empty-component',
        restart: 0,
        iteration: 3,
        component: 2,
        action: 'reseeded',
      }),
    ).toBe('restart 0, iteration 3: component 2 became empty (reseeded)');
    expect(
      describeWarning({
        kind: 'degenerate-component',
        restart: 0,
        iteration: 4,
        component: 1,
        reason: 'singular',
        action: 'kept-previous',
      }),
    ).toBe('restart 0, iteration 4: component 1 was degenerate, singular (kept-previous)');
  });
});
