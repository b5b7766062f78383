/**
 * data/report/VERIFY.txt: how a recipient checks the bag with common tools, without Shoko and without
 * documents outside the bag. The same commands appear at the end of the report. Lines stay under 80
 * columns (commands are continued with a backslash) so nothing is cut on paper or in a terminal.
 */
export const VERIFY_COMMANDS = {
  linux: ['sha256sum -c manifest-sha256.txt', 'sha256sum -c tagmanifest-sha256.txt'],
  macos: ['shasum -a 256 -c manifest-sha256.txt', 'shasum -a 256 -c tagmanifest-sha256.txt'],
  windows: ['certutil -hashfile data\\originals\\<file> SHA256'],
  signature: [
    'openssl pkeyutl -verify -pubin \\',
    '  -inkey signature/public-key.pem -rawin \\',
    '  -in tagmanifest-sha256.txt \\',
    '  -sigfile signature/tagmanifest.sig',
  ],
  fingerprint: ['openssl pkey -pubin -in signature/public-key.pem \\', '  -outform DER | sha256sum'],
  timestamp: [
    'openssl ts -verify \\',
    '  -queryfile timestamp/tagmanifest.tsq \\',
    '  -in timestamp/tagmanifest.tsr \\',
    '  -CAfile <TSA CA certificate>',
  ],
  bagit: ['python3 bagit.py --validate <bag folder>'],
  claims: ['python3 data/claims/verify_claims.py . \\', '  --book <your copy of the book>'],
} as const;

export function verifyInstructions(ctx: { caseNumber: string | null; keyFingerprint: string }): string {
  const c = VERIFY_COMMANDS;
  const block = (lines: readonly string[]) => lines.map((l) => `    ${l}`).join('\n');
  return `証拠パッケージの確認方法 / How to verify this evidence package
事件番号 / Case number: ${ctx.caseNumber ?? '—'}

このフォルダ（bag.zip の場合は展開したフォルダ）で実行します。
Run these in the bag folder (unzip a bag.zip first).

1. ファイルが作成時から変わっていないこと / No file changed since packaging
   Linux:
${block(c.linux)}
   macOS:
${block(c.macos)}
   Windows (ファイルごとに manifest-sha256.txt の値と比較 / compare with
   the line in manifest-sha256.txt):
${block(c.windows)}
   BagIt 検証ツール / any BagIt validator (e.g. the Library of Congress's):
${block(c.bagit)}

2. 検査者の署名 / The examiner's signature (OpenSSL 3)
${block(c.signature)}
   "Signature Verified Successfully" と表示されること。
   鍵の指紋 / key fingerprint:
${block(c.fingerprint)}
   結果が signature/fingerprint.txt および bag-info.txt の
   Examiner-Key-Fingerprint と一致し、別の経路で受け取った指紋とも
   一致すること / must equal signature/fingerprint.txt, bag-info.txt's
   Examiner-Key-Fingerprint, and the fingerprint received separately:
   ${ctx.keyFingerprint.slice(0, 39)}
   ${ctx.keyFingerprint.slice(39)}

3. タイムスタンプ（RFC 3161）/ The timestamp
   timestamp/tagmanifest.tsr がある場合のみ。TSA（認定タイムスタンプ
   事業者）の CA 証明書で確認します / only when a reply was imported;
   check it against the TSA's CA certificate:
${block(c.timestamp)}
   tagmanifest.tsr がなければ時刻は検査者の時計だけに基づきます。
   Without a reply, times rest on the examiner's clock only.

4. 保管記録 / The custody log (data/custody-log.jsonl)
   各行の hash = SHA-256(prevHash + "\\n" + {seq, at, actor, action,
   itemId, details} の正規化 JSON（キー順、空白なし）)。最初の prevHash
   は 0 が 64 個。最終行の番号とハッシュは bag-info.txt の
   Custody-Log-Head と一致すること / each line's hash chains to the
   previous one; the last line must match bag-info.txt's Custody-Log-Head.

5. 名簿との照合の主張 / Claims (data/claims/, when present)
   流出名簿そのものを受け取らずに、書籍に載っていた会員が署名済みの
   名簿コミットメントに含まれることを確認します（Python 3 と OpenSSL）
   / checks that the members found in the book are in the committed,
   signed list, without receiving the list (Python 3 and OpenSSL):
${block(c.claims)}
   手順の詳細は data/claims/README.txt / the steps in full are in
   data/claims/README.txt.
`;
}
