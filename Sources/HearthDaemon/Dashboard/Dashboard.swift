/// The phone dashboard as a whole: its files, their headers, and the policy that lets
/// the page run nothing but its own script.
enum Dashboard {
    static let style = DashboardAsset(name: "dashboard", ext: "css", contentType: "text/css; charset=utf-8",
                                      body: DashboardStyle.css)
    static let script = DashboardAsset(name: "dashboard", ext: "js", contentType: "text/javascript; charset=utf-8",
                                       body: DashboardScript.js)
    static let icon = DashboardAsset(name: "icon", ext: "svg", contentType: "image/svg+xml",
                                     body: DashboardPage.icon)
    static let page = DashboardAsset(path: "/", contentType: "text/html; charset=utf-8",
                                     body: DashboardPage.html(style: style.path, script: script.path, icon: icon.path))
    static let assets = [page, style, script, icon]

    /// Every byte a phone downloads for the page, before any compression.
    static var totalBytes: Int { assets.reduce(0) { $0 + $1.byteCount } }

    /// Only the page's own files and API: no inline script or style, no eval, no
    /// framing, no form posting elsewhere. (The chart is drawn with DOM calls, so
    /// `style-src` needs no 'unsafe-inline' either.)
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'",
        "manifest-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// The page is revalidated on every load (a new build must show at once); the
    /// hashed assets never change under their name.
    static func cacheControl(for asset: DashboardAsset) -> String {
        asset.path == page.path ? "no-cache" : "public, max-age=31536000, immutable"
    }
}
