// Native file pickers (tauri-plugin-dialog). The webview never reads files
// itself: it passes the chosen path to a backend command.
import { open, save } from '@tauri-apps/plugin-dialog';

export async function pickCsvFile(): Promise<string | null> {
  const path = await open({
    title: 'Adressenbestand kiezen',
    multiple: false,
    directory: false,
    filters: [{ name: 'CSV-bestand', extensions: ['csv', 'txt'] }],
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
