/** Progress of a long job, reported from the engine to the CLI (stderr) or the UI (progress bars). */
export interface Progress {
  /** Short machine name of the step: 'intake', 'extract', 'ocr', 'match', 'redact', 'package'… */
  phase: string;
  done: number;
  total?: number;
  /** What is being worked on (file name, item id, page). */
  subject?: string;
  message?: string;
}

export type ProgressFn = (p: Progress) => void;

