/** Systematic text condensation. */
export function CondensationView() {
  return (
    <section className="method-view" aria-label="Systematic text condensation">
      <h1>Systematic text condensation</h1>
    </section>
  );
}
