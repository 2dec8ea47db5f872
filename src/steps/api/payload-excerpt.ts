// The body of a step that did not pass, kept for reports so a reader sees the payload that
// was judged: JSON pretty-printed (the HTML report maps JSONPaths to its lines), cut short
// enough that a 10 MB answer never ends up in a report.
import { EXCERPT_TRUNCATED_MARK } from '../../model/results.ts';
import type { Redactor } from '../../personas/redaction.ts';

/** About 8 KB: enough for the failing part of most payloads, small enough for every report. */
export const EXCERPT_MAX_CHARS = 8192;


/**
 * `body` pretty-printed with a 2-space indent when it is JSON (`json`, when the step parsed it), else as text;
 * `undefined` for an empty or binary body. Secrets known now are redacted before cutting, so a
 * cut never leaves half a secret behind.
 */
export function payloadExcerpt(body: Buffer, json: { value: unknown } | undefined, redactor: Redactor): string | undefined {
  // A body the step did not read as JSON (an error status's answer, say) is often JSON all the same.
  json ??= body.length <= PARSE_AT_MOST_BYTES ? parseJson(body) : undefined;
  if (json) {
    const text = redactor.text(JSON.stringify(json.value, null, 2) ?? String(json.value));
    return cut(text, (shown) => `${shown} of ${text.length} characters shown`);
  }
  if (body.length === 0) return undefined;
  // A text body far over the limit is decoded only as far as the excerpt can reach.
  const head = body.subarray(0, EXCERPT_MAX_CHARS * 4);
  if (head.includes(0)) return undefined;
  const text = redactor.text(head.toString('utf8'));
  return cut(text, (shown) => `${shown} characters of a ${body.length}-byte body shown`, body.length > head.length);
}

/** Bodies larger than this are shown as text rather than parsed only to be pretty-printed. */
const PARSE_AT_MOST_BYTES = 1024 * 1024;

function parseJson(body: Buffer): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body.toString('utf8')) };
  } catch {
    return undefined;
  }
}

function cut(text: string, describe: (shown: number) => string, forced = false): string {
  if (!forced && text.length <= EXCERPT_MAX_CHARS) return text;
  // Whole lines only, unless one line alone is longer than half the excerpt.
  const newline = text.lastIndexOf('\n', EXCERPT_MAX_CHARS);
  let end = newline > EXCERPT_MAX_CHARS / 2 ? newline : Math.min(text.length, EXCERPT_MAX_CHARS);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}\n${EXCERPT_TRUNCATED_MARK} ${describe(end)}`;
}
