/** The Framework Method's charting matrix. */
export function FrameworkView() {
  return (
    <section className="method-view" aria-label="The Framework Method's charting matrix">
      <h1>The Framework Method's charting matrix</h1>
    </section>
  );
}
