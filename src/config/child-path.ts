// Paths inside a value grow one key at a time while validators descend; `joinPath` takes
// separate parts, so an already joined parent such as `steps[0]` is extended here instead.
import { joinPath } from './diagnostics.ts';

/** `steps[0]` + `name` → `steps[0].name`; `steps` + 1 → `steps[1]`; `headers` + `x-id` → `headers["x-id"]`. */
export function childPath(parent: string, key: string | number): string {
  const child = key === '' ? '[""]' : joinPath(key);
  if (parent === '') return child;
  return child.startsWith('[') ? `${parent}${child}` : `${parent}.${child}`;
}
