// XML 1.0 text and attribute values. Characters XML 1.0 cannot hold at all, not even as
// character references (most C0 controls, lone surrogates, U+FFFE/U+FFFF), are written
// as visible `\uXXXX` so a payload with a stray control byte never breaks the whole file.

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text between tags. `\r` is kept as a reference, since parsers turn a raw one into `\n`. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, visible).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value in double quotes; line breaks and tabs as references, since parsers turn raw ones into spaces. */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
