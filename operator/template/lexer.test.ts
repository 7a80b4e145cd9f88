import { describe, expect, it } from 'vitest';
import { describeItem, type Item } from './items.ts';
import { Lexer } from './lexer.ts';

function lex(text: string): string[] {
  const lexer = new Lexer(text);
  const items: string[] = [];
  for (let item: Item = lexer.nextItem(); ; item = lexer.nextItem()) {
    items.push(item.type === 'space' || item.type === 'eof' ? item.type : `${item.type}:${item.value}`);
    if (item.type === 'eof' || item.type === 'error') return items;
  }
}

// Go's lexer rules (text/template/parse/lex.go), each observable in what Go renders; the differential
// tests in test/template check the rendering against Go itself.
describe('lexer', () => {
  it('splits text and actions, and trims around {{- and -}} only with a space beside the dash', () => {
    expect(lex('a {{- .x -}} b')).toEqual([
      'text:a',
      'leftDelim:{{',
      'field:.x',
      'rightDelim:}}',
      'text:b',
      'eof',
    ]);
    expect(lex('a {{-3}}')).toEqual(['text:a ', 'leftDelim:{{', 'number:-3', 'rightDelim:}}', 'eof']);
    expect(lex('{{ 3 -}}\n\n x')).toEqual([
      'leftDelim:{{',
      'space',
      'number:3',
      'rightDelim:}}',
      'text:x',
      'eof',
    ]);
  });

  it('drops comments, which must touch their delimiters', () => {
    expect(lex('a {{- /* c */ -}} b')).toEqual(['text:a', 'text:b', 'eof']);
    expect(lex('{{/* c */ x}}')).toEqual(['error:comment ends before closing delimiter']);
    expect(lex('{{/* c')).toEqual(['error:unclosed comment']);
  });

  it('reads fields, chains, variables, keywords and operators', () => {
    expect(lex('{{ $x := .a.b | eq $ . nil true }}')).toEqual([
      'leftDelim:{{',
      'space',
      'variable:$x',
      'space',
      'declare::=',
      'space',
      'field:.a',
      'field:.b',
      'space',
      'pipe:|',
      'space',
      'identifier:eq',
      'space',
      'variable:$',
      'space',
      'dot:.',
      'space',
      'nil:nil',
      'space',
      'bool:true',
      'space',
      'rightDelim:}}',
      'eof',
    ]);
    expect(
      lex('{{ if else end range with define template block break continue }}').filter((i) => i !== 'space'),
    ).toEqual([
      'leftDelim:{{',
      'if:if',
      'else:else',
      'end:end',
      'range:range',
      'with:with',
      'define:define',
      'template:template',
      'block:block',
      'break:break',
      'continue:continue',
      'rightDelim:}}',
      'eof',
    ]);
  });

  it('reads literals as Go writes them, and rejects malformed ones', () => {
    expect(lex('{{ "a\\"b" `r` \'c\' 0x1F 1e3 1.5 1+2i }}').filter((i) => i !== 'space')).toEqual([
      'leftDelim:{{',
      'string:"a\\"b"',
      'rawString:`r`',
      "charConstant:'c'",
      'number:0x1F',
      'number:1e3',
      'number:1.5',
      'complex:1+2i',
      'rightDelim:}}',
      'eof',
    ]);
    expect(lex('{{ 3x }}').at(-1)).toBe('error:bad number syntax: "3x"');
    expect(lex('{{ "a\n" }}').at(-1)).toBe('error:unterminated quoted string');
    expect(lex('{{ .a} }}').at(-1)).toBe("error:bad character U+007D '}'");
    expect(lex('{{ \u0001 }}').at(-1)).toBe('error:unrecognized character in action: U+0001');
    expect(lex('{{ (1 }}').at(-1)).toBe('error:unclosed left paren');
    expect(lex('{{ .a').at(-1)).toBe('error:unclosed action');
  });

  it('numbers lines from 1, counting newlines inside comments and actions', () => {
    const lexer = new Lexer('a\n{{/*\n*/}}{{\n.x }}');
    const lines: number[] = [];
    for (let item = lexer.nextItem(); item.type !== 'eof'; item = lexer.nextItem()) lines.push(item.line);
    expect(lines).toEqual([1, 3, 3, 4, 4, 4]);
  });
});

describe('describeItem', () => {
  it('names items as Go parse errors do', () => {
    expect(describeItem({ type: 'eof', pos: 0, value: '', line: 1 })).toBe('EOF');
    expect(describeItem({ type: 'end', pos: 0, value: 'end', line: 1 })).toBe('<end>');
    expect(describeItem({ type: 'char', pos: 0, value: '}', line: 1 })).toBe('"}"');
    expect(describeItem({ type: 'string', pos: 0, value: '"abcdefghijkl"', line: 1 })).toBe(
      '"\\"abcdefghi"...',
    );
  });
});
