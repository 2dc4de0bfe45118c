import Hummingbird

/// Serves the dashboard's files on a router: exact paths only, an ETag on each so a
/// reload costs a 304, and the security headers on every answer.
enum DashboardRoutes {
    static func register(on router: Router<BasicRequestContext>) {
        for asset in Dashboard.assets {
            router.get(RouterPath(asset.path)) { request, _ in response(for: asset, ifNoneMatch: request.headers[.ifNoneMatch]) }
        }
    }

    static func response(for asset: DashboardAsset, ifNoneMatch: String?) -> Response {
        var headers: HTTPFields = [
            .contentType: asset.contentType,
            .cacheControl: Dashboard.cacheControl(for: asset),
            .eTag: asset.etag,
            .contentSecurityPolicy: Dashboard.contentSecurityPolicy,
        ]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.init("Referrer-Policy")!] = "no-referrer"
        if let tags = ifNoneMatch, tags.split(separator: ",").contains(where: { $0.trimmingSpaces == asset.etag }) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: asset.body)))
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
