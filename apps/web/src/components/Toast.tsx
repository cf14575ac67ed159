/** A short message about what just happened (or went wrong), announced to screen readers. */
import { useEffect, useState } from "react";
import { useUi } from "../state/ui-store.js";

export function Toast() {
  const toast = useUi((ui) => ui.toast);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!toast) return;
    setVisible(true);
    const timer = setTimeout(() => setVisible(false), toast.tone === "error" ? 7000 : 3500);
    return () => clearTimeout(timer);
  }, [toast]);
  return (
    <div className="toast-region" aria-live="polite">
      {toast && visible && <div className={`toast toast-${toast.tone}`}>{toast.text}</div>}
    </div>
  );
}
