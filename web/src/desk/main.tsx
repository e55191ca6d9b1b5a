import "../shared/base.css";
import "./desk.css";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiClient } from "../shared/api.ts";
import { ApiProvider } from "../shared/api-context.tsx";
import { createQueryClient } from "../shared/query.ts";
import { SessionGate } from "../shared/session.tsx";
import { DeskApp } from "./App.tsx";
import { strings } from "./strings.ts";

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <ApiProvider client={new ApiClient()}>
        <QueryClientProvider client={createQueryClient()}>
          <SessionGate appName={strings.appName}>
            <DeskApp />
          </SessionGate>
        </QueryClientProvider>
      </ApiProvider>
    </StrictMode>,
  );
