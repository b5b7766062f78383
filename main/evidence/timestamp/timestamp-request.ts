import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';

export interface TimestampRequest {
  der: Buffer;
  /** Hex of the SHA-256 imprint (of tagmanifest-sha256.txt). */
  imprint: string;
  /** Hex of the nonce's INTEGER content octets. */
  nonce: string;
}

/**
 * An RFC 3161 TimeStampReq: version 1, SHA-256 message imprint of `data`, a 64-bit random nonce and
 * certReq TRUE so the TSA includes its certificate (the reply can then be checked on its own).
 * No policy: the TSA uses its default. `openssl ts -query -in … -text` reads it.
 */
export function createTimestampRequest(data: Uint8Array, nonceHex = newTimestampNonce()): TimestampRequest {
  const digest = createHash('sha256').update(data).digest();
  const nonceBytes = Buffer.from(nonceHex, 'hex');
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(digest) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonceBytes) }),
    certReq: true,
  });
  return { der: Buffer.from(req.toSchema().toBER(false)), imprint: digest.toString('hex'), nonce: nonceBytes.toString('hex') };
}

/**
 * A 64-bit random nonce as hex, chosen before the bag is sealed so bag-info.txt can name it
 * (Timestamp-Request-Nonce): the request file is then bound to the signed tag files.
 */
export function newTimestampNonce(): string {
  const nonceBytes = randomBytes(8);
  nonceBytes[0] &= 0x7f; // positive INTEGER without a leading zero octet
  if (nonceBytes[0] === 0) nonceBytes[0] = 1;
  return nonceBytes.toString('hex');
}

export interface ParsedRequest {
  imprint: string;
  hashAlgorithm: string;
  nonce: string | null;
  certReq: boolean;
}

export function parseTimestampRequest(der: Uint8Array): ParsedRequest {
  const asn = asn1js.fromBER(toArrayBuffer(der));
  if (asn.offset === -1) throw new Error('not DER');
  const req = new pkijs.TimeStampReq({ schema: asn.result });
  return {
    imprint: Buffer.from(req.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex'),
    hashAlgorithm: req.messageImprint.hashAlgorithm.algorithmId,
    nonce: req.nonce ? integerHex(req.nonce) : null,
    certReq: Boolean(req.certReq),
  };
}

/** Content octets of an INTEGER without sign-padding zeros, as hex. */
export function integerHex(i: asn1js.Integer): string {
  let h = Buffer.from(i.valueBlock.valueHexView).toString('hex');
  while (h.length > 2 && h.startsWith('00')) h = h.slice(2);
  return h;
}

export function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
