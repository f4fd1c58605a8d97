/** Night allowance (POLICY §1): every worked shift whose definition has a `night_allowance` pays it once. */
import type { ShiftDefinition } from '../policy-file.js';

export function nightAllowance(worked: readonly Pick<ShiftDefinition, 'night_allowance'>[]): { nights: number; allowance: number } {
  let nights = 0;
  let allowance = 0;
  for (const shift of worked) {
    if (shift.night_allowance === undefined) continue;
    nights += 1;
    allowance += shift.night_allowance;
  }
  return { nights, allowance };
}
