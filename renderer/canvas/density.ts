/**
 * Large drawings are drawn more calmly: above DENSE_EDGES edges, live traffic keeps its
 * colour and thickness but loses the flowing dashes and the per-edge rate labels (a label
 * is measured by the browser every time its text changes, and animated dashes repaint
 * every frame). A selected edge still shows its label.
 */
import { createContext } from 'react'

export const DENSE_EDGES = 80

export const DenseContext = createContext(false)
