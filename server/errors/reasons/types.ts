/**
 * Where in the DataLens request flow a rejection happens (docs/fidelity.md, "Two-stage check"):
 * - `gateway`: the UI Node server, which only decodes the token;
 * - `us`: United Storage, which verifies the token and the embed (its status is passed through);
 * - `runner`: the UI Node server after US answered (entry type, selector lookup);
 * - `rpc`, `partner`, `mock`: the emulator's control plane.
 */
export type Stage = 'gateway' | 'us' | 'runner' | 'rpc' | 'partner' | 'mock';

export interface ReasonDef {
  status: number;
  stage: Stage;
  /** The code US (or the control plane) puts in its own body, when it is known from DataLens. */
  usCode?: string;
  /** Plain words: what is wrong. */
  message: string;
  /** How to fix it. */
  hint: string;
}
