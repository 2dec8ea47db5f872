// Flags of the demo shop's commands: faults with an optional share of users, and the release.
import { InvalidArgumentError } from 'commander';
import { parseFaultSetting, type FaultSetting } from '../demo/fault-share.ts';
import { commaList } from './parse-options.ts';

/** `--fault slow,empty-recs-new-users=0.3 --fault html-200`; `none` switches every fault off. */
export function faultSettingList(value: string, previous: FaultSetting[] = []): FaultSetting[] {
  if (value === 'none') return [];
  return [
    ...previous,
    ...commaList(value).map((text) => {
      try {
        return parseFaultSetting(text);
      } catch (error) {
        throw new InvalidArgumentError(`${(error as Error).message}.`);
      }
    }),
  ];
}
