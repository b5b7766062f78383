/**
 * Words the engine records for inputs it must not open. Shoko recognizes DRM and encryption and
 * reports them; it never circumvents them (著作権法 §113(6)). The advice says how to examine
 * such a book lawfully instead.
 */
export const DRM_MESSAGE = 'DRM-protected: the content cannot be examined';

export const DRM_ADVICE =
  'examine it instead through screenshots of the reader app (add the folder or ZIP of screenshots as a screenshot set) ' +
  'or through the source file obtained from the platform';

export function drmProtected(what: string): string {
  return `${DRM_MESSAGE} (${what}); ${DRM_ADVICE}`;
}

export const PDF_PASSWORD_NEEDED =
  'password-protected PDF: the content cannot be examined without the password; supply it with --password';

export const PDF_PASSWORD_WRONG = 'password-protected PDF: the supplied password does not open it';

/** Error thrown inside the worker for inputs that are protected rather than broken. */
export class ProtectedDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtectedDocumentError';
  }
}
