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
