// Settings page steps take from a persona: a device from Playwright's list, a locale and a
// time zone, each checked the way the browser will use it.
import { playwrightDevices } from '../steps/page/device-names.ts';
import type { ShapeChecker, ValueCheck } from './check-shape.ts';
import { quote } from './describe-value.ts';
import { closestMatch } from './did-you-mean.ts';

const DEVICE_HINT = "a name from Playwright's device list, e.g. 'Desktop Chrome', 'Pixel 7' or 'iPhone 15'";

export function deviceName(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    if (!check.nonEmptyString(value, path)) return false;
    const known = Object.keys(playwrightDevices());
    if (known.includes(value as string)) return true;
    const close = closestMatch(value as string, known);
    return check.error(path, `unknown device ${quote(value as string)}`, close ? `did you mean '${close}'?` : DEVICE_HINT);
  };
}

export function browserLocale(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    if (!check.nonEmptyString(value, path)) return false;
    try {
      Intl.getCanonicalLocales(value as string);
      return true;
    } catch {
      return check.error(path, `invalid locale ${quote(value as string)}`, "a BCP 47 language tag, e.g. 'en-US' or 'de-DE'");
    }
  };
}

export function timeZone(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    if (!check.nonEmptyString(value, path)) return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value as string });
      return true;
    } catch {
      return check.error(path, `unknown time zone ${quote(value as string)}`, "an IANA time zone, e.g. 'Europe/Berlin' or 'America/New_York'");
    }
  };
}
