// `{{variable}}` placeholders in paths, queries, headers, bodies and rules' expected
// values. An unknown variable is an error of the probe, never literal braces sent to
// the target or compared against a payload.

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;
const ONLY_A_PLACEHOLDER = /^\{\{\s*([\w.-]+)\s*\}\}$/;

/** The characters a `{{variable}}` name may hold: what the placeholders above accept. */
export const VARIABLE_NAME = /^[\w.-]+$/;

export class UnknownVariableError extends Error {
  override name = 'UnknownVariableError';
  constructor(
    readonly variable: string,
    readonly available: readonly string[],
  ) {
    super(
      `no variable '${variable}'; ` +
        (available.length > 0 ? `available: ${[...available].sort().join(', ')}` : 'the run has no variables'),
    );
  }
}

export type Variables = Readonly<Record<string, unknown>>;

function lookup(name: string, variables: Variables): unknown {
  if (!Object.hasOwn(variables, name)) throw new UnknownVariableError(name, Object.keys(variables));
  return variables[name];
}

/**
 * Interpolates every placeholder of a string; non-string values are written as JSON.
 * `encode` escapes each value for where it lands (a URL path segment), never the text around it.
 */
export function fillTemplate(text: string, variables: Variables, encode: (value: string) => string = (v) => v): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = lookup(name, variables);
    return encode(typeof value === 'string' ? value : JSON.stringify(value));
  });
}

/**
 * Fills every string inside a JSON value. A string that is exactly one placeholder takes
 * the variable's own value and type, so `{ "quantity": "{{qty}}" }` sends a number when
 * qty is one, and `equals('$.userId', '{{userId}}')` compares like with like.
 */
export function fillDeep(value: unknown, variables: Variables): unknown {
  if (typeof value === 'string') {
    const whole = ONLY_A_PLACEHOLDER.exec(value);
    return whole ? lookup(whole[1]!, variables) : fillTemplate(value, variables);
  }
  if (Array.isArray(value)) return value.map((item) => fillDeep(item, variables));
  if (value && typeof value === 'object' && !(value instanceof RegExp)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = fillDeep(item, variables);
    return out;
  }
  return value;
}
