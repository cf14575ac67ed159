/** Agreement between coders. */
export function AgreementView() {
  return (
    <section className="method-view" aria-label="Agreement between coders">
      <h1>Agreement between coders</h1>
    </section>
  );
}
