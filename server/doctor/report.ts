import type { Outcome } from './env.js';
import type { Finding } from './findings.js';
import type { PrecedenceRule } from '../core/types.js';

export type InputKind = 'embed-token' | 'embed-link' | 'partner-token' | 'clickhouse-cluster' | 'key' | 'content-security-policy' | 'unknown';

/** One line of the summary a human reads first ("Expires: in 5 min"). */
export interface Fact {
  label: string;
  value: string;
}

/** A signed param as the embed-setup audit sees it (DataLens docs, "Recommendations"). */
export interface SignedParamAudit {
  name: string;
  value: unknown;
  /** Whether the embed's chart or dashboard reads this param at all. */
  used: boolean;
  /** Can the link change it? One verdict in plain words per precedence rule. */
  verdicts: Record<PrecedenceRule, string>;
  /** Locked whichever rule applies (the list step drops unsigned values of it). */
  lockedUnderBothRules: boolean;
  /** What to change to lock it under both rules; absent when it already is. */
  howToLock?: string;
}

/** The embed's setup, when a server is known and the token names an existing embed. */
export interface EmbedAudit {
  embedId: string;
  title: string;
  entry: { entryId: string; scope: 'widget' | 'dash'; title: string } | null;
  embeddingSecretId: string;
  /** The list settings in the words of the DataLens UI. */
  paramsMode: string;
  publicParamsMode: boolean;
  unsignedParams: string[];
  privateParams: string[];
  exportEnabled: boolean;
  depsIds: string[];
  /** Dashboard charts that are not in depsIds (each gives 409 later). */
  missingDepsIds: string[];
  /** Params the entry reads (filters, SQL, defaults, dashboard params, selectors). */
  usedParams: string[];
  rule: PrecedenceRule;
  signedParams: SignedParamAudit[];
  /** Dashboard selectors that come back disabled under the rule in force, with why. */
  disabledSelectors: { tabId: string; id: string; param: string; because: string }[];
}

/** The doctor's answer: the same object from the CLI (--json), the route and the page. */
export interface Report {
  kind: InputKind;
  /** True when no finding is an error. */
  ok: boolean;
  findings: Finding[];
  summary: Fact[];
  /** What the emulator answers for this token right now (only when a server is known). */
  outcome?: Outcome;
  audit?: EmbedAudit;
}

/** Builds the summary in reading order. */
export class Summary {
  readonly facts: Fact[] = [];
  add(label: string, value: string): void {
    this.facts.push({ label, value });
  }
}
