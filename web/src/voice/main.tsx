import "../shared/base.css";
import "./voice.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { VoicePage } from "./VoicePage.tsx";

// For customers: no sign-in, no API client; the call is one WebSocket (call.ts).
const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <VoicePage locale={new URLSearchParams(window.location.search).get("locale") ?? undefined} />
    </StrictMode>,
  );
