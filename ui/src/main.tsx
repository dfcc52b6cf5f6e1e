import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { queryClient } from "./queries";
import "./styles.css";

// The built app is a desktop program, not a web page: a right click outside a text field shows
// no browser menu (Reload, Inspect Element), and no key reloads the window (a reload would drop
// whatever is being typed). Text fields keep their menu: cut, copy and paste.
if (import.meta.env.PROD) {
  window.addEventListener("contextmenu", (e) => {
    const t = e.target;
    const text = t instanceof HTMLTextAreaElement || (t instanceof HTMLInputElement && ["text", "password", "search"].includes(t.type));
    if (!text) e.preventDefault();
  });
  window.addEventListener("keydown", (e) => {
    if (e.key === "F5" || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "r")) e.preventDefault();
  });
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
