/** Themes and the thematic map. */
export function ThemesView() {
  return (
    <section className="method-view" aria-label="Themes and the thematic map">
      <h1>Themes and the thematic map</h1>
    </section>
  );
}
