// tesseract.js's own Node worker script, with this worker thread's console silenced first. The
// WebAssembly core binds console.log / console.error as its stdout / stderr when it starts, and
// tesseract and Leptonica print their diagnostics there ("Detected 58 diacritics", "Error in
// boxClipToRectangle: box outside rectangle", "Estimating resolution as 300"): to an examiner they
// look like errors, and they break the progress line. A real failure still reaches Shoko as a
// rejected job (tesseract.js posts it back), never only as a console line.
'use strict';
for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace']) console[k] = () => {};
require('tesseract.js/src/worker-script/node/index.js');
