import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { styleFor, type Style } from './style.ts';
import { forTerminal } from './terminal-text.ts';
import { renderTable, type Cell } from './table.ts';

const terminal = styleFor({ isTerminal: true, env: {} });
const piped = styleFor({ isTerminal: false, env: {} });
const escape = '\u001b[';

describe('renderTable', () => {
  const headers = ['NAME', 'READY', 'MESSAGE'];
  const rowsPaintedWith = (style: Style): Cell[][] => [
    ['app-db', { text: 'True', paint: style.green }, 'Secret "app-db" created'],
    ['a-much-longer-name', { text: 'False', paint: style.red }, 'line one\nline two'],
  ];

  it('aligns columns by their plain text, with colour codes around the text only', () => {
    const text = forTerminal(
      renderTable(headers, rowsPaintedWith(terminal), { layout: 'aligned', style: terminal }),
    );
    const plain = stripVTControlCharacters(text);
    expect(plain).toBe(
      [
        'NAME                 READY   MESSAGE',
        'app-db               True    Secret "app-db" created',
        'a-much-longer-name   False   line one line two',
        '',
      ].join('\n'),
    );
    expect(text).toContain(`${escape}32mTrue${escape}39m    Secret`);
  });

  it('separates cells with one tab and paints nothing when piped', () => {
    const text = renderTable(headers, rowsPaintedWith(piped), { layout: 'tab-separated', style: piped });
    expect(text).toBe(
      'NAME\tREADY\tMESSAGE\napp-db\tTrue\tSecret "app-db" created\na-much-longer-name\tFalse\tline one line two\n',
    );
    expect(text).not.toContain(escape);
  });

  it('leaves out the header line on request and indents on request', () => {
    expect(
      renderTable(['A', 'B'], [['1', '2']], {
        layout: 'aligned',
        style: piped,
        headers: false,
        indent: '  ',
      }),
    ).toBe('  1   2\n');
  });
});

describe('styleFor', () => {
  it('colours a terminal only, and not when NO_COLOR is set or TERM is dumb', () => {
    expect(styleFor({ isTerminal: true, env: {} }).colour).toBe(true);
    expect(styleFor({ isTerminal: false, env: {} }).colour).toBe(false);
    expect(styleFor({ isTerminal: true, env: { NO_COLOR: '1' } }).colour).toBe(false);
    expect(styleFor({ isTerminal: true, env: { TERM: 'dumb' } }).colour).toBe(false);
    expect(styleFor({ isTerminal: true, env: { NO_COLOR: '1' } }).red('x')).toBe('x');
  });
});
