/**
 * The main window's options, as plain data (the shell passes them to BrowserWindow). Every
 * security-relevant preference is spelled out rather than left to a default.
 */
export interface WindowPolicyInput {
  preloadPath: string;
  dev: boolean;
  dark: boolean;
  iconPath?: string;
}

export interface MainWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  backgroundColor: string;
  icon?: string;
  autoHideMenuBar: boolean;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    experimentalFeatures: false;
    webviewTag: false;
    navigateOnDragDrop: false;
    spellcheck: false;
    devTools: boolean;
    safeDialogs: true;
    enableWebSQL: false;
    v8CacheOptions: 'none' | 'code';
  };
}

export function mainWindowOptions(i: WindowPolicyInput): MainWindowOptions {
  return {
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Shoko',
    backgroundColor: i.dark ? '#16181d' : '#f6f7f9',
    ...(i.iconPath ? { icon: i.iconPath } : {}),
    autoHideMenuBar: true,
    webPreferences: {
      preload: i.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: i.dev,
      safeDialogs: true,
      enableWebSQL: false,
      v8CacheOptions: 'code',
    },
  };
}

/** Development means an explicit opt-in, never merely an unpackaged build. */
export function isDevelopment(env: Record<string, string | undefined>, isPackaged: boolean): boolean {
  return !isPackaged && env.SHOKO_DEV === '1';
}
