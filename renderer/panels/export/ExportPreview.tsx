import { useMemo } from 'react'
import type { OutFile } from '../../../engine/index'
import { highlight } from './highlight'

/** One exported file, highlighted, with line numbers. */
export function ExportPreview({ file }: { readonly file: OutFile }) {
  const lines = useMemo(() => highlight(file.content, file.language), [file])
  return (
    <pre className="code" aria-label={`Contents of ${file.path}`} tabIndex={0} data-testid="export-preview">
      {lines.map((tokens, i) => (
        <span key={i} className="code__line">
          <span className="code__number" aria-hidden="true">{i + 1}</span>
          {tokens.map((t, j) => <span key={j} className={`tok tok--${t.kind}`}>{t.text}</span>)}
          {'\n'}
        </span>
      ))}
    </pre>
  )
}
