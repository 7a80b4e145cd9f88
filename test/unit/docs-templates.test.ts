// docs/templates.md is tested: every ```gotemplate block renders to the ```text block after it, over
// the data the page states; every example the page shows is the file in examples/templates/ (which
// test/integration/templates.test.ts applies to a real API server).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  execute,
  goStringToBytes,
  parseTemplate,
  stringMap,
  systemEnvironment,
  templateFunctions,
} from '../../operator/template/index.ts';

const root = join(import.meta.dirname, '..', '..');
const page = readFileSync(join(root, 'docs', 'templates.md'), 'utf8');

interface Block {
  info: string;
  text: string;
  /** The `<!-- example: path -->` comment right before the block, if any. */
  example?: string | undefined;
}

function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  const fence = /(?:<!-- example: (\S+) -->\s*\n\s*)?^```(\S*)\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    found.push({ example: match[1], info: match[2] ?? '', text: match[3] ?? '' });
  }
  return found;
}

const all = blocks(page);
const languageData = all.find((block) => block.info === 'yaml' && block.example === undefined);
const data = parse(languageData?.text ?? '') as Record<string, string>;
const functions = templateFunctions(systemEnvironment);

const rendered = all.flatMap((block, index) => {
  const output = all[index + 1];
  if (block.info !== 'gotemplate' || output?.info !== 'text') return [];
  return [{ template: block.text.replace(/\n$/, ''), expected: output.text.replace(/\n$/, '') }];
});

describe('docs/templates.md', () => {
  it('states the data its examples render over', () => {
    expect(Object.keys(data)).toEqual(['username', 'password', 'host', 'port', 'token']);
  });

  it('has rendered examples, each followed by its output', () => {
    expect(rendered.length).toBeGreaterThanOrEqual(15);
    expect(rendered.length).toBe(all.filter((block) => block.info === 'gotemplate').length);
  });

  it.each(rendered.map((example) => [example.template, example.expected]))(
    'renders %s',
    (template, expected) => {
      const parsed = parseTemplate('example', template, { functions });
      expect(Buffer.from(goStringToBytes(execute(parsed, stringMap(data)))).toString('utf8')).toBe(expected);
    },
  );

  it('shows every file of examples/templates as it is', () => {
    const shown = all.filter((block) => block.example !== undefined);
    expect(shown.map((block) => block.example).sort()).toEqual(
      [
        'connection-string.yaml',
        'dockerconfigjson.yaml',
        'java-keystore.yaml',
        'rewrite-transform.yaml',
        'secret-store.yaml',
        'template-from-configmap.yaml',
        'template-from-secret-and-literal.yaml',
        'tls-from-pkcs12.yaml',
      ].map((file) => `examples/templates/${file}`),
    );
    for (const block of shown) {
      expect(block.text, block.example).toBe(readFileSync(join(root, block.example ?? ''), 'utf8'));
    }
  });
});
