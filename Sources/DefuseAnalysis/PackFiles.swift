// Reading the JSON packs a folder holds: the analyzer's language packs, the coach's packs.
import Foundation

enum PackFiles {
    /// A folder of packs shipped with the module.
    static func bundled(_ name: String) throws -> URL {
        guard let folder = Bundle.module.url(forResource: name, withExtension: nil) else {
            throw LexiconError("the \(name) folder is missing from this build")
        }
        return folder
    }

    /// Every `*.json` in `folder`, decoded, in file-name order; an error names the file.
    static func decode<Pack: Decodable>(folder: URL) throws -> [Pack] {
        let urls = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.path < $1.path }
        let decoder = JSONDecoder()
        return try urls.map { url in
            do {
                return try decoder.decode(Pack.self, from: Data(contentsOf: url))
            } catch {
                throw LexiconError("\(url.lastPathComponent): \(error)")
            }
        }
    }
}
