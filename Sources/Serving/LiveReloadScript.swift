/// The script every served HTML page gets before `</body>`: it keeps a WebSocket to the
/// server, reloads the page when a rebuild changed it, and shows build errors over the page
/// until the next good build. It reconnects when the server restarts.
enum LiveReloadScript {
    static let path = "/_dossier/live.js"
    static let tag = "<script src=\"\(path)\"></script>"

    static let source = #"""
    (() => {
      const here = () => {
        let p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
        if (p === "" || p.endsWith("/")) p += "index.html";
        return p;
      };
      const overlayId = "_dossier-overlay";
      const hideErrors = () => document.getElementById(overlayId)?.remove();
      const showErrors = (lines) => {
        hideErrors();
        const box = document.createElement("div");
        box.id = overlayId;
        box.setAttribute("role", "alert");
        box.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.97);color:#f5f5f5;" +
          "font:14px/1.5 ui-monospace,monospace;padding:2rem;overflow:auto;white-space:pre-wrap";
        const title = document.createElement("strong");
        title.textContent = "Dossier: the last change does not build. The page shows the last good build.";
        title.style.cssText = "display:block;color:#ff8a80;margin-bottom:1rem;font-size:16px";
        box.append(title, lines.join("\n"));
        document.body.append(box);
      };
      let delay = 250;
      const connect = () => {
        const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/_dossier/live");
        socket.onopen = () => { delay = 250; };
        socket.onmessage = (event) => {
          const message = JSON.parse(event.data);
          if (message.type === "errors") showErrors(message.diagnostics);
          else if (message.type === "ok") hideErrors();
          else if (message.type === "reload") {
            hideErrors();
            if (message.paths.includes(here()) || message.paths.some((p) => p.endsWith(".css"))
                || (document.querySelector(".search-form") && message.paths.includes("search/index.js"))) location.reload();
          }
        };
        socket.onclose = () => { setTimeout(connect, delay); delay = Math.min(delay * 2, 4000); };
      };
      connect();
    })();
    """#

    /// `html` with the script tag before its last `</body>`, or at the end. A page with its
    /// own Content-Security-Policy (a briefing's single file) is served as built: it is meant
    /// to be downloaded as it is, and its policy would refuse the script anyway.
    static func inject(into html: [UInt8]) -> [UInt8] {
        if declaresPolicy(html) { return html }
        let marker = Array("</body>".utf8)
        var index = html.count - marker.count
        while index >= 0 {
            if html[index] == marker[0], Array(html[index..<(index + marker.count)]) == marker {
                return Array(html[..<index]) + Array(tag.utf8) + Array(html[index...])
            }
            index -= 1
        }
        return html + Array(tag.utf8)
    }

    private static let policy = Array("http-equiv=\"Content-Security-Policy\"".utf8)

    /// Whether the `<head>` (the first 4 KB) declares a Content-Security-Policy.
    static func declaresPolicy(_ html: [UInt8]) -> Bool {
        let head = html.prefix(4096)
        guard head.count >= policy.count else { return false }
        for start in head.startIndex...(head.endIndex - policy.count) where head[start] == policy[0] {
            if head[start..<(start + policy.count)].elementsEqual(policy) { return true }
        }
        return false
    }
}
