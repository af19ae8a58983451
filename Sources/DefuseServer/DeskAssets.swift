// The desk's stylesheet and script, shipped inside the binary and served with long caching.
import Vapor

enum DeskAssets {
    static let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]

    /// The files, read once.
    static let files: [String: Data] = {
        guard let folder = Bundle.module.url(forResource: "Public", withExtension: nil) else { return [:] }
        var files: [String: Data] = [:]
        for name in ["desk.css", "desk.js"] {
            if let data = try? Data(contentsOf: folder.appendingPathComponent(name)) { files[name] = data }
        }
        return files
    }()

    @Sendable static func serve(_ request: Request) async throws -> Response {
        let name = request.parameters.get("file") ?? ""
        guard let data = files[name], let type = types[(name as NSString).pathExtension] else {
            throw Abort(.notFound, reason: "no such file")
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
