import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256Hex } from '../hashing';
import { integerHex, parseTimestampRequest, SHA256_OID, toArrayBuffer } from './timestamp-request';

export interface ReplyCheck {
  ok: boolean;
  /** First failure, in words. */
  reason?: string;
  genTime?: string;
  serial?: string;
  tsa?: string;
  policy?: string;
  /** Whether the TSA's signature over the TSTInfo was checked (needs the TSA certificate in the reply). */
  signatureChecked: boolean;
  signerSubject?: string;
  /**
   * Whether the TSA certificate chains to a trusted root (trust anchors given): true, or null when no
   * anchors were given ("TSA not validated against a trusted root"). A chain that fails is a failure.
   */
  chainValidated: boolean | null;
}

const STATUS_TEXT = ['granted', 'grantedWithMods', 'rejection', 'waiting', 'revocationWarning', 'revocationNotification'];

/**
 * Checks an RFC 3161 TimeStampResp against its request and the stamped data: status granted, the
 * token's imprint is the SHA-256 of `data` and equals the request's, the nonce echoes the request's,
 * and the TSA's signature over the TSTInfo verifies with the certificate the reply carries.
 * Whether that certificate belongs to a TSA one trusts is for the recipient to judge (its subject is
 * reported); no chain to a root is claimed here.
 */
export async function checkTimestampReply(tsr: Uint8Array, tsq: Uint8Array, data: Uint8Array, trusted: readonly pkijs.Certificate[] = []): Promise<ReplyCheck> {
  const bad = (reason: string, extra: Partial<ReplyCheck> = {}): ReplyCheck => ({ ok: false, reason, signatureChecked: false, chainValidated: null, ...extra });
  let resp: pkijs.TimeStampResp;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(tsr));
    if (asn.offset === -1) return bad('the reply is not DER');
    resp = new pkijs.TimeStampResp({ schema: asn.result });
  } catch (err) {
    return bad(`the reply is not an RFC 3161 TimeStampResp (${(err as Error).message})`);
  }
  const status = resp.status.status;
  if (status !== 0 && status !== 1) {
    const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    return bad(`the TSA did not grant the timestamp (status ${STATUS_TEXT[status] ?? status}${text ? `: ${text}` : ''})`);
  }
  if (!resp.timeStampToken) return bad('the reply is granted but holds no timestamp token');
  let signed: pkijs.SignedData;
  let tst: pkijs.TSTInfo;
  try {
    signed = new pkijs.SignedData({ schema: resp.timeStampToken.content });
    const e = signed.encapContentInfo;
    if (e.eContentType !== '1.2.840.113549.1.9.16.1.4') return bad(`the token does not hold a TSTInfo (content type ${e.eContentType})`);
    const inner = e.eContent!.getValue();
    tst = pkijs.TSTInfo.fromBER(inner);
  } catch (err) {
    return bad(`the timestamp token cannot be read (${(err as Error).message})`);
  }
  const info = {
    genTime: tst.genTime.toISOString(),
    serial: integerHex(tst.serialNumber),
    policy: tst.policy,
    tsa: tst.tsa ? describeGeneralName(tst.tsa) : undefined,
  };
  let req;
  try { req = parseTimestampRequest(tsq); } catch (err) { return bad(`the timestamp request is unreadable (${(err as Error).message})`, info); }
  const imprint = Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex');
  if (tst.messageImprint.hashAlgorithm.algorithmId !== SHA256_OID) return bad(`the token's imprint is not SHA-256 (${tst.messageImprint.hashAlgorithm.algorithmId})`, info);
  const dataDigest = sha256Hex(data);
  if (imprint !== req.imprint) return bad(`the token stamps another digest (${imprint}) than the request (${req.imprint})`, info);
  if (imprint !== dataDigest) return bad(`the token stamps ${imprint}, but tagmanifest-sha256.txt hashes to ${dataDigest}`, info);
  const nonce = tst.nonce ? integerHex(tst.nonce) : null;
  if (req.nonce !== null && nonce !== req.nonce) return bad(`the token's nonce (${nonce ?? 'none'}) is not the request's (${req.nonce})`, info);

  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (certs.length === 0) {
    if (trusted.length) return bad('the reply carries no TSA certificate, so it cannot be checked against the trusted roots', info);
    return { ok: true, ...info, signatureChecked: false, chainValidated: null };
  }
  let signer: pkijs.Certificate | undefined;
  try {
    const v = await signed.verify({ signer: 0, checkChain: false, extendedMode: true, data: toArrayBuffer(data) });
    if (!v.signatureVerified) return bad(`the TSA signature over the TSTInfo does not verify${v.message ? ` (${v.message})` : ''}`, info);
    signer = v.signerCertificate ?? undefined;
  } catch (err) {
    const e = err as { message?: string; signatureVerified?: boolean };
    return bad(`the TSA signature over the TSTInfo does not verify (${e.message ?? String(err)})`, info);
  }
  const signerSubject = signer ? describeName(signer.subject) : undefined;
  if (trusted.length === 0) return { ok: true, ...info, signatureChecked: true, signerSubject, chainValidated: null };
  // The chain is judged at the stamped time: a TSA certificate that expired since still proves that moment.
  if (signer && !hasTimeStampingUsage(signer)) return bad(`the signing certificate (${signerSubject}) is not a time-stamping certificate (extendedKeyUsage timeStamping missing)`, { ...info, signatureChecked: true, signerSubject });
  try {
    const v = await signed.verify({ signer: 0, checkChain: true, trustedCerts: [...trusted], checkDate: tst.genTime, extendedMode: true, data: toArrayBuffer(data) });
    if (!v.signatureVerified || v.signerCertificateVerified === false) return bad(`the TSA certificate (${signerSubject}) does not chain to a trusted root${v.message ? ` (${v.message})` : ''}`, { ...info, signatureChecked: true, signerSubject });
  } catch (err) {
    return bad(`the TSA certificate (${signerSubject}) does not chain to a trusted root (${(err as { message?: string }).message ?? String(err)})`, { ...info, signatureChecked: true, signerSubject });
  }
  return { ok: true, ...info, signatureChecked: true, signerSubject, chainValidated: true };
}

const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

function hasTimeStampingUsage(cert: pkijs.Certificate): boolean {
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.37');
  const usages = (ext?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  return usages.includes(TIME_STAMPING);
}

const ATTR_NAMES: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST' };

function describeName(n: pkijs.RelativeDistinguishedNames): string {
  return n.typesAndValues.map((tv) => `${ATTR_NAMES[tv.type] ?? tv.type}=${(tv.value.valueBlock as { value?: string }).value ?? ''}`).join(', ');
}

function describeGeneralName(g: pkijs.GeneralName): string {
  if (g.type === 4 && g.value instanceof pkijs.RelativeDistinguishedNames) return describeName(g.value);
  return String(typeof g.value === 'string' ? g.value : g.type);
}
