import type { PrecedenceRule, PrecedenceSetting } from '../types.js';

/** 'by-date': the legacy rule before the cutover on the emulator clock, the new one from it (§4.3). */
export function resolveRule(setting: PrecedenceSetting, now: number, cutover: number): PrecedenceRule {
  if (setting === 'by-date') return now < cutover ? 'unsigned-wins' : 'signed-wins';
  return setting;
}
