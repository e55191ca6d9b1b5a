// Embeds the chat on any page: <script src="https://your-switchboard/chat/widget.js" defer></script>
(() => {
  const origin = new URL(document.currentScript.src).origin;
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Chat with us";
  button.setAttribute("aria-expanded", "false");
  button.style.cssText =
    "position:fixed;right:20px;bottom:20px;z-index:2147483000;background:#1f4fd1;color:#fff;border:0;border-radius:24px;padding:12px 18px;font:600 15px system-ui,sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.2);cursor:pointer";
  const frame = document.createElement("iframe");
  frame.title = "Customer service chat";
  frame.src = `${origin}/chat?locale=${encodeURIComponent(document.documentElement.lang || navigator.language)}`;
  frame.style.cssText =
    "position:fixed;right:20px;bottom:76px;width:min(380px,calc(100vw - 40px));height:min(560px,calc(100vh - 120px));border:0;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.25);z-index:2147483000;display:none;background:#fff";
  button.addEventListener("click", () => {
    const open = frame.style.display === "none";
    frame.style.display = open ? "block" : "none";
    button.setAttribute("aria-expanded", String(open));
  });
  document.body.append(frame, button);
})();
