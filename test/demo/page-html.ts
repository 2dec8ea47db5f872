// Reading the server-rendered HTML of the demo shop's pages without a browser.

/** The HTML inside `<main id="main">`. */
export function mainOf(html: string): string {
  const match = /<main id="main">([\s\S]*?)<\/main>/.exec(html);
  if (!match) throw new Error('no <main id="main"> in the page');
  return match[1] as string;
}

/** Every match of a pattern's first group, in order. */
export function allOf(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(new RegExp(pattern.source, 'g'))].map((match) => match[1] as string);
}
