/**
 * Reads a file dropped anywhere on the page and hands over its bytes (decoded by the caller, so
 * UTF-16 files read right) and name. While a file is
 * dragged over the page, the data fieldset's drop zone (`#drop-zone`) is highlighted.
 */
export function listenForDroppedFiles(onFile: (bytes: Uint8Array, name: string) => void): void {
  // dragenter/dragleave fire for every element crossed; the depth says when the drag has left.
  let depth = 0;
  const highlight = (on: boolean) =>
    document.getElementById('drop-zone')?.classList.toggle('dragging', on);
  window.addEventListener('dragenter', (event) => {
    event.preventDefault();
    depth++;
    highlight(true);
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) highlight(false);
  });
  // Without this the browser opens the file instead of dropping it on the page.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    highlight(false);
    const file = event.dataTransfer?.files[0];
    if (file) void file.arrayBuffer().then((bytes) => onFile(new Uint8Array(bytes), file.name));
  });
}
