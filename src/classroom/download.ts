// Saves a file the page made itself (snapshot, export) to the user's downloads: nothing is sent.
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has read the URL by the next task; keep it a little longer for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
