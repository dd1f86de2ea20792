/**
 * A small JSON Schema (2020-12 subset) validator for the schemas in our OpenAPI document:
 * `type` (string or array, so `["string", "null"]` is nullable), `enum`, `const`, `properties`,
 * `required`, `additionalProperties` (boolean or schema), `items`, `minItems`/`maxItems`,
 * `minimum`/`maximum`, `minLength`/`maxLength`, `pattern`, `anyOf`, and `$ref` to
 * `#/components/...` of the document. `format` and other annotations are ignored.
 *
 * Any other keyword throws: a schema must never use something this validator silently skips.
 */

export type JsonSchema = { [keyword: string]: unknown };

export interface SchemaIssue {
  /** JSON pointer of the offending value, e.g. `/questions/0/id`. */
  path: string;
  message: string;
}

export interface ValidateOptions {
  /**
   * Treat objects with `properties` but no `additionalProperties` as closed. Used on responses:
   * the published schemas stay open for additive change, but a field the server sends that the
   * document does not list is drift the tests should catch.
   */
  closedObjects?: boolean;
}

const ANNOTATIONS = new Set(['description', 'title', 'default', 'format', 'examples', 'example', 'contentMediaType', 'readOnly', 'writeOnly', 'deprecated']);
const ASSERTIONS = new Set([
  '$ref', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems',
  'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'anyOf',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Resolves `#/a/b/c` against the document. */
export function resolveRef(document: unknown, ref: string): JsonSchema {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  return node as JsonSchema;
}

/** Every issue of `value` against `schema` (empty when valid). */
export function validate(document: unknown, schema: JsonSchema, value: unknown, options: ValidateOptions = {}): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(schema, value, '');
  return issues;

  function check(s: JsonSchema, v: unknown, path: string): void {
    for (const keyword of Object.keys(s)) {
      if (!ASSERTIONS.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`json-schema helper: unsupported keyword "${keyword}" at ${path || '/'}`);
    }
    const fail = (message: string) => issues.push({ path: path || '/', message });

    if (typeof s.$ref === 'string') check(resolveRef(document, s.$ref), v, path);

    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => matchesType(v, t))) {
        fail(`must be of type ${types.join(' | ')}, got ${typeOf(v)}`);
        return;
      }
    }
    if (s.enum !== undefined && !(s.enum as unknown[]).some((e) => e === v)) fail(`must be one of ${JSON.stringify(s.enum)}, got ${JSON.stringify(v)}`);
    if ('const' in s && s.const !== v) fail(`must be ${JSON.stringify(s.const)}`);

    if (s.anyOf !== undefined) {
      const branches = s.anyOf as JsonSchema[];
      const ok = branches.some((branch) => validate(document, branch, v, options).length === 0);
      if (!ok) fail(`matches none of the ${branches.length} anyOf branches`);
    }

    if (typeof v === 'string') {
      const length = [...v].length;
      if (typeof s.minLength === 'number' && length < s.minLength) fail(`must have at least ${s.minLength} characters`);
      if (typeof s.maxLength === 'number' && length > s.maxLength) fail(`must have at most ${s.maxLength} characters`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) fail(`must match ${s.pattern}`);
    }
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) fail(`must be >= ${s.minimum}`);
      if (typeof s.maximum === 'number' && v > s.maximum) fail(`must be <= ${s.maximum}`);
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) fail(`must have at least ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) fail(`must have at most ${s.maxItems} items`);
      if (s.items !== undefined) v.forEach((item, i) => check(s.items as JsonSchema, item, `${path}/${i}`));
    }
    if (typeOf(v) === 'object') {
      const record = v as Record<string, unknown>;
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      for (const key of (s.required ?? []) as string[]) {
        if (!(key in record)) fail(`misses required property "${key}"`);
      }
      const additional = s.additionalProperties ?? (options.closedObjects && s.properties ? false : undefined);
      for (const [key, child] of Object.entries(record)) {
        const childPath = `${path}/${key}`;
        if (properties[key]) check(properties[key], child, childPath);
        else if (additional === false) issues.push({ path: childPath, message: 'is not a documented property' });
        else if (additional && typeof additional === 'object') check(additional as JsonSchema, child, childPath);
      }
    }
  }
}

/** Throws with every issue listed, for use in assertions. */
export function assertValid(document: unknown, schema: JsonSchema, value: unknown, label: string, options: ValidateOptions = {}): void {
  const issues = validate(document, schema, value, options);
  if (issues.length > 0) {
    const list = issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
    throw new Error(`${label} does not match its schema:\n${list}\nvalue: ${JSON.stringify(value).slice(0, 2000)}`);
  }
}
