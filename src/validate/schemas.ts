// The JSON Schema registry: every schema file of the project, each compiled once and
// reachable by its file name or its $id, plus inline schemas from probes.
import { posix } from 'node:path';
import { Ajv2020, type AnySchema, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats, { type FormatsPlugin } from 'ajv-formats';
import { readSchemaFiles, type SchemaFile, type SchemaFileProblem } from './schema-files.ts';
import { toViolations, type SchemaViolation } from './schema-errors.ts';
import { schemaDefinitionProblem } from './schema-problems.ts';

export type { SchemaFileProblem } from './schema-files.ts';
export type { SchemaViolation } from './schema-errors.ts';

// ajv-formats is CommonJS: depending on who loads it, the default import is the plugin
// itself or an object whose `default` is the plugin.
const applyFormats: FormatsPlugin =
  (addFormats as unknown as { default?: FormatsPlugin }).default ?? (addFormats as unknown as FormatsPlugin);

type Compiled = { validate: ValidateFunction; problem?: undefined } | { problem: string; hint?: string };

type Entry =
  /** `id` is the key ajv resolves: the file's $id, or its file name when it has none. */
  | { file: string; id: string; problem?: undefined }
  /** A file that could not even be registered, and why. */
  | { file: string; id?: undefined; problem: string };

/** A schema was used although `problem()` said it cannot be. */
export class SchemaNotUsableError extends Error {
  override name = 'SchemaNotUsableError';
  constructor(
    readonly reference: string,
    readonly problem: string,
  ) {
    super(problem);
  }
}

export class SchemaRegistry {
  readonly #ajv = new Ajv2020({ allErrors: true, strict: false, addUsedSchema: false });
  /** File name, unique base name and $id → entry. */
  readonly #entries = new Map<string, Entry>();
  readonly #fileNames: string[] = [];
  readonly #compiled = new Map<string, Compiled>();
  readonly #inline = new WeakMap<object, Compiled>();
  #compilations = 0;

  private constructor() {
    applyFormats(this.#ajv);
  }

  static empty(): SchemaRegistry {
    return new SchemaRegistry();
  }

  /** Reads every *.json file under dir (recursive); never throws: problems are returned. */
  static async load(dir: string): Promise<{ registry: SchemaRegistry; problems: SchemaFileProblem[] }> {
    const registry = new SchemaRegistry();
    const { files, problems } = await readSchemaFiles(dir);
    for (const problem of problems) registry.#addEntry({ file: problem.file, problem: problem.message });
    for (const file of files) {
      const problem = registry.#register(file);
      if (problem) problems.push(problem);
    }
    registry.#indexBaseNames();
    // Compiling now finds unresolvable $refs before any probe runs.
    for (const entry of new Set(registry.#entries.values())) {
      if (entry.id === undefined) continue;
      const compiled = registry.#compile(entry.id);
      if (compiled.problem) problems.push({ file: entry.file, message: compiled.problem, ...hintOf(compiled) });
    }
    problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return { registry, problems };
  }

  /** How many schemas were compiled so far: each reference and each inline schema object costs one. */
  get compileCount(): number {
    return this.#compilations;
  }

  /**
   * Why a reference (file name like 'product.schema.json', a path relative to the dir, or a $id)
   * or an inline schema can't be used; undefined when it can. Compiles it (and caches).
   */
  problem(ref: string | object): string | undefined {
    return this.#compiledFor(ref).problem;
  }

  /**
   * Validates data; compiled once per ref and cached (inline schemas cached by identity).
   * @param base the JSONPath of `data` in the payload, for violation paths: `$.items[3]`
   * @throws SchemaNotUsableError when `problem(ref)` would name a problem
   */
  validate(ref: string | object, data: unknown, base = '$'): SchemaViolation[] {
    const compiled = this.#compiledFor(ref);
    if (compiled.problem !== undefined) throw new SchemaNotUsableError(describeRef(ref), compiled.problem);
    if (compiled.validate(data)) return [];
    return toViolations(compiled.validate.errors ?? [], data, base);
  }

  #compiledFor(ref: string | object): Compiled {
    if (typeof ref !== 'string') return this.#compileInline(ref);
    const [name = '', fragment] = splitFragment(ref.trim().replace(/^\.\//, ''));
    const entry = this.#entries.get(name);
    if (!entry) return { problem: this.#unknownRefMessage(ref) };
    if (entry.problem !== undefined) return { problem: `${entry.file} is not usable: ${entry.problem}` };
    const fileCompiled = this.#compile(entry.id);
    if (fileCompiled.problem !== undefined) return { problem: `${entry.file} is not usable: ${fileCompiled.problem}` };
    if (fragment === undefined) return fileCompiled;
    return this.#compile(`${entry.id}#${fragment}`, `${entry.file} has nothing at '#${fragment}'`);
  }

  #register({ file, json }: SchemaFile): SchemaFileProblem | undefined {
    const problem = schemaDefinitionProblem(this.#ajv, json);
    if (problem) {
      this.#addEntry({ file, problem: problem.message });
      return { file, ...problem };
    }
    const declared = typeof json === 'object' ? (json as { $id?: string }).$id : undefined;
    const id = (declared ?? file).replace(/#$/, '');
    const owner = this.#entries.get(id);
    if (owner) {
      const message = `$id '${id}' is already used by ${owner.file}`;
      this.#addEntry({ file, problem: message });
      return { file, message, hint: 'every schema needs its own $id' };
    }
    try {
      // Registered under its file name too, so an inline `{ $ref: 'product.schema.json' }` resolves.
      this.#ajv.addSchema(json as AnySchema, file, undefined, false);
    } catch (error) {
      const message = `cannot be registered: ${(error as Error).message}`;
      this.#addEntry({ file, problem: message });
      return { file, message };
    }
    const entry: Entry = { file, id };
    this.#addEntry(entry);
    this.#entries.set(id, entry);
    return undefined;
  }

  #addEntry(entry: Entry): void {
    this.#entries.set(entry.file, entry);
    this.#fileNames.push(entry.file);
  }

  /** `product.schema.json` finds `shop/product.schema.json` when no other file has that name. */
  #indexBaseNames(): void {
    const byBaseName = new Map<string, string[]>();
    for (const file of this.#fileNames) {
      const base = posix.basename(file);
      byBaseName.set(base, [...(byBaseName.get(base) ?? []), file]);
    }
    for (const [base, files] of byBaseName) {
      if (files.length === 1 && !this.#entries.has(base)) this.#entries.set(base, this.#entries.get(files[0]!)!);
    }
  }

  #compile(key: string, missing = `no schema at '${key}'`): Compiled {
    let compiled = this.#compiled.get(key);
    if (!compiled) {
      compiled = this.#attempt(() => this.#ajv.getSchema(key), missing);
      this.#compiled.set(key, compiled);
    }
    return compiled;
  }

  #compileInline(schema: object): Compiled {
    let compiled = this.#inline.get(schema);
    if (!compiled) {
      const problem = schemaDefinitionProblem(this.#ajv, schema);
      compiled = problem
        ? { problem: problem.message, ...hintOf(problem) }
        : this.#attempt(() => this.#ajv.compile(schema as AnySchema), 'the inline schema did not compile');
      this.#inline.set(schema, compiled);
    }
    return compiled;
  }

  #attempt(compile: () => ValidateFunction | undefined, missing: string): Compiled {
    this.#compilations += 1;
    try {
      const validate = compile();
      return validate ? { validate } : { problem: missing };
    } catch (error) {
      return this.#compileProblem(error as Error & { missingSchema?: string });
    }
  }

  #compileProblem(error: Error & { missingSchema?: string }): Compiled {
    if (error.missingSchema === undefined) return { problem: `does not compile: ${error.message}` };
    const known = this.#entries.has(error.missingSchema);
    const broken = this.#brokenFileAt(error.missingSchema);
    if (broken) {
      return {
        problem: `unresolved $ref: ${error.message}`,
        hint: `${broken} looks like the schema meant, but it is not usable itself`,
      };
    }
    return {
      // An inline schema has no $id, and ajv names its base as "#", which says nothing.
      problem: `unresolved $ref: ${error.message.replace(/ from id #$/, '')}`,
      hint: known
        ? `the schema '${error.missingSchema}' has no such location`
        : `no schema has the $id '${error.missingSchema}'; a relative $ref resolves against the $id of the schema it is in`,
    };
  }

  /** A file that could not be registered, whose name ends the URI a $ref went looking for. */
  #brokenFileAt(uri: string): string | undefined {
    return this.#fileNames.find(
      (file) => this.#entries.get(file)?.problem !== undefined && (uri === file || uri.endsWith(`/${file}`)),
    );
  }

  #unknownRefMessage(ref: string): string {
    const files = [...new Set(this.#fileNames)].sort();
    const available = files.length > 0 ? `available: ${files.join(', ')}` : 'the folder has no *.json files';
    return `no schema '${ref}' in the schemas folder; ${available}`;
  }
}

function splitFragment(ref: string): [string, string | undefined] {
  const hash = ref.indexOf('#');
  if (hash < 0 || hash === ref.length - 1) return [ref.replace(/#$/, ''), undefined];
  return [ref.slice(0, hash), ref.slice(hash + 1)];
}

function describeRef(ref: string | object): string {
  return typeof ref === 'string' ? ref : 'inline schema';
}

function hintOf(value: { hint?: string }): { hint?: string } {
  return value.hint ? { hint: value.hint } : {};
}
