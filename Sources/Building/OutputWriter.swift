import Foundation
import Rendering

/// The Write stage: writes the whole site into a folder beside the output and swaps it in
/// only when every file is written, so a failed build leaves the previous site as it was.
/// The output folder is Dossier's own, recognised by a marker file; any other non-empty
/// folder is refused rather than replaced.
public struct OutputWriter {
    public static let marker = ".dossier-output"

    public enum Failure: Error, CustomStringConvertible {
        case unsafeOutput(String)
        case io(String)

        public var description: String {
            switch self {
            case .unsafeOutput(let message), .io(let message): message
            }
        }
    }

    let site: URL
    let output: URL

    public init(site: URL, output: URL) {
        self.site = site.standardizedFileURL.resolvingSymlinksInPath()
        self.output = output.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Refuses an output folder that is the site, holds it, lies in its content or theme,
    /// or is a non-empty folder Dossier did not create.
    public func checkOutput() throws {
        let out = output.path, root = site.path
        if out == root || root.hasPrefix(out + "/") {
            throw Failure.unsafeOutput("refusing to write into \(out): it is the site folder or contains it")
        }
        for inner in ["Content", "Templates"] where out == root + "/" + inner || out.hasPrefix(root + "/" + inner + "/") {
            throw Failure.unsafeOutput("refusing to write into \(out): it is inside the site's \(inner)/ folder")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw Failure.unsafeOutput("refusing to replace \(out): it is a file, not a folder") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        if entries.contains(Self.marker) || entries.allSatisfy({ $0 == ".gitkeep" }) { return }
        throw Failure.unsafeOutput("refusing to replace \(out): it is not empty and was not written by Dossier (no \(Self.marker) file)")
    }

    /// Writes `files` as the new content of the output folder. Returns how many files differ
    /// from the previous build.
    @discardableResult
    public func write(_ files: [OutputFile]) throws -> (written: Int, unchanged: Int) {
        try checkOutput()
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(name).tmp-\(token)")
        let retired = parent.appendingPathComponent(".\(name).old-\(token)")
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            var folders = Set<String>()
            for file in files {
                let folder = (file.path as NSString).deletingLastPathComponent
                if !folder.isEmpty { folders.insert(folder) }
            }
            for folder in folders.sorted() {
                try fm.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let previous = output
            let outcomes = files.parallelMap { file -> Result<Bool, Failure> in
                let target = staging.appendingPathComponent(file.path)
                let data = Data(file.contents)
                let changed = fm.contents(atPath: previous.appendingPathComponent(file.path).path) != data
                guard fm.createFile(atPath: target.path, contents: data) else {
                    return .failure(.io("cannot write \(target.path)"))
                }
                return .success(changed)
            }
            var written = 0
            for outcome in outcomes {
                if try outcome.get() { written += 1 }
            }
            try Data("Written by Dossier. This folder is replaced on every build.\n".utf8)
                .write(to: staging.appendingPathComponent(Self.marker))
            // A placeholder that keeps the folder in version control survives the swap.
            let keep = output.appendingPathComponent(".gitkeep")
            if fm.fileExists(atPath: keep.path) {
                try fm.copyItem(at: keep, to: staging.appendingPathComponent(".gitkeep"))
            }

            // Swap: the old site stays in place until the new one is complete.
            let hadOutput = fm.fileExists(atPath: output.path)
            if hadOutput { try fm.moveItem(at: output, to: retired) }
            do {
                try fm.moveItem(at: staging, to: output)
            } catch {
                if hadOutput { try? fm.moveItem(at: retired, to: output) }
                throw error
            }
            if hadOutput { try? fm.removeItem(at: retired) }
            return (written, files.count - written)
        } catch let failure as Failure {
            try? fm.removeItem(at: staging)
            throw failure
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure.io("cannot write the site to \(output.path): \(error.localizedDescription)")
        }
    }
}
