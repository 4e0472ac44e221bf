import { MockError } from '../errors/catalogue.js';
import type { Connectors } from './connectors.js';
import { inspectAccessToken, type PartnerTokenReport } from './inspect.js';
import type { DatalensKeyring } from './keyring.js';
import { verifySha1Pkcs1v15 } from './rsa.js';
import { parseAccessToken } from './token.js';

export interface RegisteredTokenReport extends PartnerTokenReport {
  /** The connector the token was checked against (given, or found by its signature). */
  connectorId?: string;
}

/**
 * The doctor's engine with the emulator's own keys (`/_mock/validate`, `doctor --server`): checks a
 * token against the given connector, or finds the connector whose partner key of the token's version
 * verifies its signature. Decrypts only after a valid signature (no decryption oracle).
 */
export async function inspectRegisteredToken(
  keyring: DatalensKeyring,
  connectors: Connectors,
  token: string,
  connectorId?: string,
): Promise<RegisteredTokenReport> {
  await keyring.ready;
  const datalensKey = (v: number) => keyring.privateKey(v);
  let connector = connectorId === undefined ? undefined : connectors.get(connectorId);
  if (!connector) {
    try {
      const t = parseAccessToken(token);
      connector = connectors.list().find((c) => {
        const key = connectors.publicKeys(c).get(t.partnerKeyVersion);
        return key !== undefined && verifySha1Pkcs1v15(key, t.ciphertext, t.signature);
      });
    } catch {
      return inspectAccessToken(token); // malformed: the report says why
    }
  }
  if (connector) {
    return { ...inspectAccessToken(token, { datalensKey, partnerKeys: connectors.publicKeys(connector) }), connectorId: connector.connectorId };
  }
  const report = inspectAccessToken(token);
  const e = new MockError('PARTNER_SIGNATURE_INVALID', {
    message: `No registered connector has a partner key of version ${report.parts?.partnerKeyVersion} that verifies this signature.`,
  });
  report.findings = report.findings.filter((f) => f.code !== 'PARTNER_SIGNATURE_UNCHECKED');
  report.findings.push({ code: e.reason, severity: 'error', message: e.message, hint: e.hint });
  return report;
}
