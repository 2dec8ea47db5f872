// HTML built from templates whose interpolations are escaped unless they are markup built
// the same way: payloads, messages and names are untrusted text, and forgetting to escape
// one has to be impossible rather than unlikely.

export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/** Text for an element or a double-quoted attribute; control characters (but tab and line breaks) shown as `\uXXXX`. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[&<>"']/g, (c) => ENTITY[c]!);
}

type Value = Markup | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** `html\`<b>${name}</b>\``: `name` is escaped; arrays are joined; `false`, `null` and `undefined` render nothing (write `String(flag)` for an attribute value). */
export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Markup(out);
}

/** Markup written by payloadwatch itself (the stylesheet, the script): trusted as is. */
export function trusted(text: string): Markup {
  return new Markup(text);
}
