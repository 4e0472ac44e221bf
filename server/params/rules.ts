// Which precedence rule applies (docs/params.md, "Precedence rules"). Pure, no Node imports.
import type { PrecedenceRule, PrecedenceSetting } from '../core/types.js';

export const PRECEDENCE_SETTINGS: readonly PrecedenceSetting[] = ['signed-wins', 'unsigned-wins', 'by-date'];

/**
 * 'by-date': the legacy rule before the cutover on the emulator clock, the new one at and after it.
 * `now` and `cutover` are Unix seconds (DEFAULT_CUTOVER in server/core/config.ts).
 */
export function resolveRule(setting: PrecedenceSetting, now: number, cutover: number): PrecedenceRule {
  if (setting === 'by-date') return now < cutover ? 'unsigned-wins' : 'signed-wins';
  return setting;
}

const iso = (sec: number) => new Date(sec * 1000).toISOString().replace('.000Z', 'Z');

/** One sentence for traces and run responses: which rule applied and why. */
export function explainRule(setting: PrecedenceSetting, now: number, cutover: number): string {
  const rule = resolveRule(setting, now, cutover);
  const what =
    rule === 'signed-wins'
      ? 'signed-wins: signed params are written over unsigned ones (DataLens since 2025-08-26)'
      : 'unsigned-wins: unsigned params are written over signed ones (DataLens before 2025-08-26)';
  if (setting !== 'by-date') return `${what}; set by --precedence ${setting}`;
  const side = now < cutover ? 'before' : 'at or after';
  return `${what}; by-date: the emulator clock ${iso(now)} is ${side} the cutover ${iso(cutover)}`;
}
