/** Saves bytes the contract sent as base64 under the given name, through a Blob link. */
export function downloadBase64(fileName: string, base64: string, type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started by then; the URL only has to outlive the click.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
