// Native file pickers (tauri-plugin-dialog). The webview never reads files
// itself: it passes the chosen path to a backend command.
import { open } from '@tauri-apps/plugin-dialog';

export async function pickCsvFile(): Promise<string | null> {
  const path = await open({
    title: 'Adressenbestand kiezen',
    multiple: false,
    directory: false,
    filters: [{ name: 'CSV-bestand', extensions: ['csv', 'txt'] }],
  });
  return typeof path === 'string' ? path : null;
}
