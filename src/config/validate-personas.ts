// Personas are declared once in the config and named by probes; names must be unique so a
// probe's `personas: ['new-user']` means exactly one thing.
import type { PersonaDefinition } from '../model/definitions.ts';
import { isPlainObject, keysOf, type ShapeChecker } from './check-shape.ts';
import { templatedValue } from './check-templated.ts';
import { childPath } from './child-path.ts';
import { quote } from './describe-value.ts';
import { browserLocale, deviceName, timeZone } from './validate-page-settings.ts';

export const PERSONA_KEYS = keysOf<PersonaDefinition>()(
  'name',
  'description',
  'headers',
  'cookies',
  'device',
  'locale',
  'timezone',
  'setup',
);

export function validatePersonas(value: unknown, path: string, check: ShapeChecker): boolean {
  if (!Array.isArray(value)) return check.typeError(path, 'an array of personas', value);
  const firstPlace = new Map<string, string>();
  let ok = true;
  value.forEach((persona, index) => {
    const personaPath = childPath(path, index);
    ok = validatePersona(persona, personaPath, check) && ok;
    const name = isPlainObject(persona) ? persona.name : undefined;
    if (typeof name !== 'string') return;
    const earlier = firstPlace.get(name);
    if (earlier === undefined) firstPlace.set(name, personaPath);
    else {
      const message = `duplicate persona name ${quote(name)}: already used by ${earlier}`;
      ok = check.error(childPath(personaPath, 'name'), message, 'give each persona a unique name') && ok;
    }
  });
  return ok;
}

function validatePersona(value: unknown, path: string, check: ShapeChecker): boolean {
  const persona = check.shape(value, path, PERSONA_KEYS, 'a persona made with definePersona({ … })');
  if (!persona) return false;
  const results = [
    check.field(persona, path, 'name', check.nonEmptyString, { required: true }),
    check.field(persona, path, 'description', check.string),
    check.field(persona, path, 'headers', check.recordOf(templatedValue(check))),
    check.field(persona, path, 'cookies', check.recordOf(templatedValue(check))),
    check.field(persona, path, 'device', deviceName(check)),
    check.field(persona, path, 'locale', browserLocale(check)),
    check.field(persona, path, 'timezone', timeZone(check)),
    check.field(persona, path, 'setup', check.function),
  ];
  return results.every(Boolean);
}

/** Names of the personas a probe may use, even when the config has other problems. */
export function declaredPersonaNames(personas: unknown): string[] {
  if (!Array.isArray(personas)) return [];
  return personas.flatMap((persona) => (isPlainObject(persona) && typeof persona.name === 'string' ? [persona.name] : []));
}
