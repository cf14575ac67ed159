/** A code's colour as a small chip; decorative, so hidden from screen readers. */
export function CodeSwatch({ color }: { color: string }) {
  return <span className="swatch" style={{ background: color }} aria-hidden="true" />;
}
