import os from 'node:os';
import path from 'node:path';

/**
 * Where one installation keeps its own state (the examiner key), outside every case:
 * $SHOKO_HOME when set (tests point it at a temp folder), else the OS configuration folder.
 */
export function shokoHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SHOKO_HOME) return path.resolve(env.SHOKO_HOME);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Shoko');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Shoko');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'shoko');
}
