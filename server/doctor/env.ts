import type { KeyObject } from 'node:crypto';
import { isMockError, type ReasonCode } from '../errors/catalogue.js';
import { authenticate, claimRules, currentRule, type GatewayState } from '../gateway/pipeline.js';
import type { PartnerService } from '../partner/service.js';
import type { EmbeddingInfo } from '../store/index.js';
import type { PublicKeyCache } from '../tokens/keys.js';
import type { Embed, EmbeddingSecret, Entry, PrecedenceRule, PrecedenceSetting } from '../core/types.js';

/** What the emulator does with a token right now: its real two-stage check (docs/fidelity.md, "Two-stage check"). */
export type Outcome = { accepted: true } | { accepted: false; reason: ReasonCode; status: number; message: string };

/** The partner side of an emulator: its DataLens keyring and the registered connectors. */
export interface PartnerView {
  datalensVersions(): number[];
  /** The DataLens private key of a version. */
  datalensKey(version: number): KeyObject | undefined;
  connectors(): { connectorId: string; title: string; keys: ReadonlyMap<number, KeyObject> }[];
}

/** Read-only access to one emulator's state: all the doctor needs when a server is known. */
export interface EmulatorView {
  embeddingInfo(embedId: string): EmbeddingInfo | undefined;
  embeds(): Embed[];
  secrets(): EmbeddingSecret[];
  entry(entryId: string): Entry | undefined;
  keys: PublicKeyCache;
  /** Runs the emulator's own gateway + US checks on a token. */
  verify(token: string): Promise<Outcome>;
  partner?: PartnerView;
}

/** Everything a doctor run depends on besides its input. */
export interface DoctorEnv {
  /** Unix seconds: the emulator clock when a server is known, else this machine's clock. */
  now: number;
  /** Plain words for the clock, e.g. "emulator clock (pinned)". */
  clockLabel: string;
  strict: boolean;
  clockToleranceSec: number;
  /** The emulator refuses an iat ahead of its clock (`strictIat`); off offline, as in DataLens. */
  strictIat?: boolean;
  precedence: PrecedenceSetting;
  /** The precedence rule in force now. */
  rule: PrecedenceRule;
  /** A key given by the user (--key, or `key` in the request body): PEM text, public or private. */
  key?: string;
  emulator?: EmulatorView;
}

/** The environment of the CLI without --server: this machine's clock and the default settings. */
export function offlineEnv(o: { key?: string; now?: number } = {}): DoctorEnv {
  return {
    now: o.now ?? Math.floor(Date.now() / 1000),
    clockLabel: 'local clock, no server',
    strict: false,
    clockToleranceSec: 0,
    precedence: 'signed-wins',
    rule: 'signed-wins',
    ...(o.key !== undefined && { key: o.key }),
  };
}

/** What the doctor reads of a running emulator: the gateway's state, and its partner service if any. */
export interface DoctorState extends GatewayState {
  partner?: PartnerService;
}

function partnerView(ctx: DoctorState): PartnerView | undefined {
  const p = ctx.partner;
  if (!p) return undefined;
  return {
    datalensVersions: () => ctx.store.partner.listDatalensKeys().map((k) => k.version),
    datalensKey: (v) => p.keyring.privateKey(v),
    connectors: () => p.connectors.list().map((c) => ({ connectorId: c.connectorId, title: c.title, keys: p.connectors.publicKeys(c) })),
  };
}

/** The environment inside a running emulator (POST /_mock/validate, the doctor page). */
export async function emulatorEnv(ctx: DoctorState, o: { key?: string } = {}): Promise<DoctorEnv> {
  // A keyring that failed to start only means no partner checks; the token checks still run.
  await ctx.partner?.ready.catch(() => undefined);
  const now = ctx.clock.now();
  const rules = { ...claimRules(ctx), now };
  const emulator: EmulatorView = {
    embeddingInfo: (id) => ctx.store.embeds.getEmbeddingInfo(id),
    embeds: () => ctx.store.embeds.list(),
    secrets: () => ctx.store.secrets.list(),
    entry: (id) => ctx.store.entries.get(id),
    keys: ctx.keys,
    async verify(token) {
      try {
        await authenticate(ctx, token, { rules });
        return { accepted: true };
      } catch (e) {
        if (!isMockError(e)) throw e;
        return { accepted: false, reason: e.reason, status: e.status, message: e.message };
      }
    },
    partner: partnerView(ctx),
  };
  return {
    now,
    clockLabel: ctx.clock.pinned === null ? 'emulator clock' : 'emulator clock, pinned',
    strict: ctx.settings.strict,
    clockToleranceSec: ctx.settings.clockToleranceSec,
    strictIat: ctx.settings.strictIat,
    precedence: ctx.settings.precedence,
    rule: currentRule(ctx, now),
    ...(o.key !== undefined && { key: o.key }),
    emulator,
  };
}
