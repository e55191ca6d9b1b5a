import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { keys } from "./api.ts";

/** How long to wait before reopening a dropped socket: long enough not to hammer a restarting server. */
const RECONNECT_MS = 2_000;

/**
 * Keeps the desk live: a WebSocket to /api/v1/desk/ws (the session cookie travels with it), and any
 * frame (an offer, a queue change, a customer's message) refetches what the desk shows. Frames are
 * hints, not data: the API stays the one source of what is true. Reconnects when dropped. Only for
 * people who may use the desk: anyone else would be refused at every attempt.
 */
export function useDeskLive(enabled: boolean): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      const scheme = window.location.protocol === "https:" ? "wss" : "ws";
      socket = new WebSocket(`${scheme}://${window.location.host}/api/v1/desk/ws`);
      socket.onopen = () => {
        setConnected(true);
        // Whatever happened while the socket was down.
        void queryClient.invalidateQueries({ queryKey: keys.all });
      };
      socket.onmessage = () => void queryClient.invalidateQueries({ queryKey: keys.all });
      socket.onclose = () => {
        setConnected(false);
        if (!stopped) retry = setTimeout(open, RECONNECT_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, [queryClient, enabled]);
  return connected;
}
