export { chatPage } from "./page.ts";
export { CHANNELS, chatRoutes } from "./routes.ts";
export { chatWebSocket } from "./websocket.ts";
