// Putting text into HTML safely: product names carry apostrophes and search queries carry
// whatever a visitor types.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] as string);
}

/**
 * JSON to place inside `<script type="application/json">`: `<` is escaped so no value can
 * close the script element early.
 */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** `12999` → `'129.99'`: the number the API sends, written the way a price is. */
export function decimalPrice(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** `12999` → `'€129.99'`, as the pages show prices. */
export function euroPrice(cents: number): string {
  return `€${decimalPrice(cents)}`;
}
