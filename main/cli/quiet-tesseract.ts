/**
 * Tesseract's WebAssembly build prints diagnostics from its worker threads ("Estimating resolution as
 * 300", "Detected 58 diacritics", Leptonica's "Error in boxClipToRectangle…"; and, for jpn+eng, a
 * harmless failed probe for an unnamed sub-language). To an examiner they look like errors, and they
 * break the progress line. They are silenced at the source: the OCR pool starts tesseract.js's worker
 * through main/ocr/quiet-worker.cjs, whose console is mute. This filter stays as a second guard for
 * the known lines, should another tesseract worker ever be started; everything else on stderr passes.
 */
const NOISE = [
  /^Estimating resolution as \d+\s*$/,
  /^Error opening data file \.\/[\x00-\x1f]*\.traineddata\s*$/,
  /^Please make sure the TESSDATA_PREFIX environment variable is set to your "tessdata" directory\.\s*$/,
  /^Failed loading language '[\x00-\x1f]*'\s*$/,
  /^Warning: Invalid resolution \d+ dpi\. Using \d+ instead\.\s*$/,
];

export function isTesseractNoise(line: string): boolean {
  return NOISE.some((re) => re.test(line));
}

export function filterTesseractNoise(stream: NodeJS.WriteStream = process.stderr): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const kept = text.split(/(?<=\n)/).filter((l) => !isTesseractNoise(l.replace(/\n$/, ''))).join('');
      if (kept.length === 0) return true;
      return write(kept, ...rest);
    }
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
