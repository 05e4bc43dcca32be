/**
 * Dropping a scenario file anywhere on the window. Without this the browser (and Electron)
 * would navigate to the dropped file; with it, the first dropped file goes to `onFile`,
 * which passes it to `api.openDroppedFile(file)` on either host.
 */

type DropTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>

function carriesFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')
}

/** Accepts file drops on `target` (the window); returns the function that stops accepting them. */
export function acceptFileDrops(target: DropTarget, onFile: (file: File) => void): () => void {
  const onDragOver = (e: DragEvent): void => {
    if (!carriesFiles(e)) return
    e.preventDefault()
    e.dataTransfer!.dropEffect = 'copy'
  }
  const onDrop = (e: DragEvent): void => {
    if (!carriesFiles(e)) return
    e.preventDefault()
    const file = e.dataTransfer!.files[0]
    if (file) onFile(file)
  }
  target.addEventListener('dragover', onDragOver)
  target.addEventListener('drop', onDrop)
  return () => {
    target.removeEventListener('dragover', onDragOver)
    target.removeEventListener('drop', onDrop)
  }
}
