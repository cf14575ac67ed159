/** Entry point: one query client, the workbench, the styles. */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App.js";
import "./styles.css";

const client = new QueryClient({
  defaultOptions: {
    // Change events invalidate what changed, so a query need not refetch just because the window
    // regained focus.
    queries: { refetchOnWindowFocus: false, staleTime: 30_000, retry: 1 },
  },
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
