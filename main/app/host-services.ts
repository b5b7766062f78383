import { clipboard, dialog, type BrowserWindow } from 'electron';
import type { HostMethod, ParsedRequestOf } from '../../shared/ipc/contract';
import type { ResponseOf } from '../../shared/ipc/types';

/** The requests only the window can answer: OS file dialogs and the clipboard. */
export async function answerHost(win: BrowserWindow, method: HostMethod, req: unknown): Promise<ResponseOf<HostMethod>> {
  switch (method) {
    case 'dialog.openFiles': {
      const { purpose } = req as ParsedRequestOf<'dialog.openFiles'>;
      const filters = purpose === 'leaks'
        ? [{ name: 'CSV / TSV / XLSX / JSONL', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'jsonl'] }]
        : purpose === 'timestamp' ? [{ name: 'RFC 3161 reply', extensions: ['tsr'] }] : [];
      const r = await dialog.showOpenDialog(win, { properties: purpose === 'evidence' ? ['openFile', 'multiSelections'] : ['openFile'], filters });
      return r.canceled ? [] : r.filePaths;
    }
    case 'dialog.openFolder': {
      const { purpose } = req as ParsedRequestOf<'dialog.openFolder'>;
      const r = await dialog.showOpenDialog(win, { properties: purpose === 'new-case' ? ['openDirectory', 'createDirectory', 'promptToCreate'] : ['openDirectory'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    }
    case 'clipboard.write': {
      clipboard.writeText((req as ParsedRequestOf<'clipboard.write'>).text);
      return null;
    }
  }
}
