/** The status bar: who is coding (the name sent with every change) and the live-connection state. */
import { useEffect, useState } from "react";
import { setRequestCoder } from "../api/client.js";
import { useLiveState } from "../api/live.js";
import { setUi, useUi } from "../state/ui-store.js";

const LIVE_LABELS = {
  live: "Live",
  connecting: "Connecting…",
  offline: "Offline — changes from elsewhere will not appear",
} as const;

export function StatusBar() {
  const coder = useUi((ui) => ui.coder);
  const cursor = useUi((ui) => ui.cursor);
  const live = useLiveState();
  const [draft, setDraft] = useState(coder);
  useEffect(() => setDraft(coder), [coder]);
  const selected = cursor ? cursor.to - cursor.from : 0;
  return (
    <footer className="statusbar">
      <label className="coder">
        Coding as
        <input
          value={draft}
          aria-label="Coder name"
          size={Math.max(8, draft.length)}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={() => {
            const name = draft.trim() || "researcher";
            setRequestCoder(name);
            setUi({ coder: name });
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") (event.target as HTMLInputElement).blur();
          }}
        />
      </label>
      <span className="muted">
        {selected > 0
          ? `${selected.toLocaleString()} characters selected · C to code`
          : "Select text to code it"}
      </span>
      <span className="topbar-spacer" />
      <span className={`live live-${live}`} role="status">
        <span className="live-dot" aria-hidden="true" />
        {LIVE_LABELS[live]}
      </span>
    </footer>
  );
}
