import type { ReactNode } from 'react'

/** A collapsible inspector section (a native <details>: keyboard and screen-reader friendly). */
export function Section({ title, children, open = true, actions, testId }: {
  readonly title: string
  readonly children: ReactNode
  readonly open?: boolean
  readonly actions?: ReactNode
  readonly testId?: string
}) {
  return (
    <details className="section" open={open} data-testid={testId}>
      <summary className="section__title">
        <span>{title}</span>
        {actions && <span className="section__actions" onClick={(e) => e.stopPropagation()}>{actions}</span>}
      </summary>
      <div className="section__body">{children}</div>
    </details>
  )
}
