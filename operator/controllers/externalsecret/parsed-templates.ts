import {
  TemplateError,
  parseTemplate,
  systemEnvironment,
  templateFunctions,
  type FunctionMap,
  type ParsedTemplate,
} from '../../template/index.ts';
import { BoundedCache } from './bounded-cache.ts';

export interface TemplateDelimiters {
  left: string;
  right: string;
}

/** Ten thousand ExternalSecrets sharing one template parse it once; this many distinct ones stay parsed. */
const defaultBounds = { maxEntries: 4096, maxSize: 1024 * 1024 };

/**
 * Parsed templates by name and text, parse errors included (a broken template shared by many
 * ExternalSecrets fails once). Parsing depends on nothing else: the function set is fixed.
 */
export class ParsedTemplates {
  private readonly cache: BoundedCache<ParsedTemplate | TemplateError>;
  private readonly functions: FunctionMap;
  private readonly delimiters: TemplateDelimiters | undefined;

  constructor(
    options: {
      functions?: FunctionMap;
      bounds?: { maxEntries: number; maxSize: number };
      /** The operator's --template-left/right-delimiter; Go's {{ }} when unset. */
      delimiters?: TemplateDelimiters | undefined;
    } = {},
  ) {
    this.functions = options.functions ?? templateFunctions(systemEnvironment);
    this.cache = new BoundedCache(options.bounds ?? defaultBounds);
    this.delimiters = options.delimiters;
  }

  /** The parsed template; throws its TemplateError when it does not parse. */
  get(name: string, text: string): ParsedTemplate {
    const key = `${name}\0${text}`;
    let parsed = this.cache.get(key);
    if (parsed === undefined) {
      try {
        parsed = parseTemplate(name, text, {
          functions: this.functions,
          ...(this.delimiters && { delimiters: this.delimiters }),
        });
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        parsed = error;
      }
      // A parsed template holds several objects per character of its text: size counts the text.
      this.cache.set(key, parsed, key.length);
    }
    if (parsed instanceof TemplateError) throw parsed;
    return parsed;
  }
}
