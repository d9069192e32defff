// Native file pickers (tauri-plugin-dialog). The webview never reads files
// itself: it passes the chosen path to a backend command.
import { open, save } from '@tauri-apps/plugin-dialog';
import { getCurrentWebview } from '@tauri-apps/api/webview';

export async function pickCsvFile(): Promise<string | null> {
  const path = await open({
    title: 'Adressenbestand kiezen',
    multiple: false,
    directory: false,
    filters: [{ name: 'CSV- of Excel-bestand', extensions: ['csv', 'xlsx', 'txt'] }],
  });
  return typeof path === 'string' ? path : null;
}

/** Where to save a file; `null` when the dialog was cancelled. */
export async function pickSavePath(
  title: string,
  defaultPath: string,
  filter: { name: string; extensions: string[] },
): Promise<string | null> {
  const path = await save({ title, defaultPath, filters: [filter] });
  return typeof path === 'string' ? path : null;
}

export const pickPdfSavePath = (defaultName: string) =>
  pickSavePath('Wijkprofiel opslaan als', defaultName, { name: 'PDF-document', extensions: ['pdf'] });

/** A spreadsheet to import voorzieningenchecks from. */
export async function pickSpreadsheet(): Promise<string | null> {
  const path = await open({
    title: 'Bestand met voorzieningenchecks kiezen',
    multiple: false,
    directory: false,
    filters: [{ name: 'CSV- of Excel-bestand', extensions: ['csv', 'xlsx', 'txt'] }],
  });
  return typeof path === 'string' ? path : null;
}

/** Where to save an anonymous table. */
export async function pickTableTarget(format: 'csv' | 'xlsx', defaultPath: string): Promise<string | null> {
  const path = await save({
    title: 'Tabel opslaan als',
    defaultPath,
    filters:
      format === 'csv'
        ? [{ name: 'CSV (Excel, puntkomma)', extensions: ['csv'] }]
        : [{ name: 'Excel-werkmap', extensions: ['xlsx'] }],
  });
  return path ?? null;
}

/** Where to save a resident's data (AVG inzage). */
export async function pickJsonTarget(defaultPath: string): Promise<string | null> {
  const path = await save({
    title: 'Gegevens van de bewoner opslaan als',
    defaultPath,
    filters: [{ name: 'JSON-bestand', extensions: ['json'] }],
  });
  return path ?? null;
}

const wwkFilter = [{ name: 'Wijkwaardenkaart-export', extensions: ['wwk'] }];

/** Where to save an export (`.wwk`). */
export async function pickExportTarget(defaultPath?: string): Promise<string | null> {
  const path = await save({ title: 'Export opslaan', defaultPath, filters: wwkFilter });
  return path ?? null;
}

/** One or more `.wwk` files to verify or merge. */
export async function pickExportFiles(): Promise<string[]> {
  const paths = await open({
    title: 'Exportbestanden kiezen',
    multiple: true,
    directory: false,
    filters: wwkFilter,
  });
  if (Array.isArray(paths)) return paths;
  return typeof paths === 'string' ? [paths] : [];
}

/** Where to write a new identity (secret key) file. */
export async function pickNewKeyFile(): Promise<string | null> {
  const path = await save({
    title: 'Sleutelbestand opslaan',
    defaultPath: 'coordinator.key',
    filters: [{ name: 'age-sleutelbestand', extensions: ['key', 'txt'] }],
  });
  return path ?? null;
}

/** An existing identity (secret key) file. */
export async function pickKeyFile(): Promise<string | null> {
  const path = await open({ title: 'Sleutelbestand kiezen', multiple: false, directory: false });
  return typeof path === 'string' ? path : null;
}

/**
 * Files dropped onto the window (Tauri's drag-and-drop event gives paths).
 * `onHover` reports whether files are being dragged over the window.
 * Returns a function that stops listening.
 */
export async function onFileDrop(
  onPaths: (paths: string[]) => void,
  onHover?: (over: boolean) => void,
): Promise<() => void> {
  return getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === 'enter' || p.type === 'over') onHover?.(true);
    else if (p.type === 'leave') onHover?.(false);
    else if (p.type === 'drop') {
      onHover?.(false);
      onPaths(p.paths);
    }
  });
}
