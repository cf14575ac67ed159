/** Code queries, the code × case matrix and word frequencies with keyword in context. */
export function QueriesView() {
  return (
    <section className="method-view" aria-label="Queries">
      <h1>Queries</h1>
    </section>
  );
}
