/**
 * The application menu as plain data: editing (so copy and paste work everywhere, macOS included) and
 * window handling. Reload and DevTools appear only in development.
 */
export type MenuItemSpec =
  | { role: string }
  | { type: 'separator' }
  | { label: string; submenu: MenuItemSpec[] }
  | { role: string; submenu: MenuItemSpec[] };

export function menuTemplate(o: { dev: boolean; mac: boolean; appName: string }): MenuItemSpec[] {
  const menu: MenuItemSpec[] = [];
  if (o.mac) menu.push({ label: o.appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { type: 'separator' }, { role: 'quit' }] });
  else menu.push({ label: 'File', submenu: [{ role: 'quit' }] });
  menu.push({ role: 'editMenu', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] });
  const view: MenuItemSpec[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (o.dev) view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  menu.push({ label: 'View', submenu: view });
  menu.push({ role: 'windowMenu', submenu: [{ role: 'minimize' }, { role: 'close' }] });
  return menu;
}

/** Every role in a template, flattened (tests check what a production build offers). */
export function rolesOf(items: readonly MenuItemSpec[]): string[] {
  return items.flatMap((i) => [...('role' in i ? [i.role] : []), ...('submenu' in i ? rolesOf(i.submenu) : [])]);
}
