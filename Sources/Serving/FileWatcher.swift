import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reports which files changed under a site's watched folders, in debounced batches: editors
/// save by writing a temporary file and renaming it, and `git checkout` touches many files
/// at once, so events are gathered until the tree has been quiet for `quietPeriod`.
///
/// An edit after a quiet spell need not wait that long: when inotify says every file the
/// batch touched was closed after writing, renamed into place or deleted, the batch goes
/// after `settlePeriod` (which still joins an atomic save's write and rename). A batch that
/// starts within a quiet period of the previous event belongs to a burst and waits for the
/// quiet period, so a checkout of many files still gives one or two rebuilds.
///
/// On Linux it uses inotify (every folder watched, new folders added as they appear);
/// elsewhere, or when inotify is unavailable, it polls modification times.
package final class FileWatcher: @unchecked Sendable {
    /// Absolute paths of the files and folders that changed in one batch.
    package typealias Batch = Set<String>

    let roots: [String]
    let files: [String]
    let quietPeriod: DispatchTimeInterval
    let settlePeriod: DispatchTimeInterval
    let maximumDelay: DispatchTimeInterval
    private let queue = DispatchQueue(label: "dossier.watcher")
    private var pending = Batch()
    private var firstPending: DispatchTime?
    /// Pending paths whose last event left them mid-write (created or modified, not closed).
    private var unsettled = Set<String>()
    private var lastEvent: DispatchTime?
    /// Whether the batch being gathered continues a burst of events.
    private var burst = false
    private var flush: DispatchWorkItem?
    private var source: ChangeSource?
    private let deliver: @Sendable (Batch) -> Void

    /// Watches the folders `roots` with everything below them (a folder that does not exist
    /// yet is watched from when it appears) and the single `files`, and calls `deliver` on
    /// a private queue with each batch.
    package init(roots: [String], files: [String] = [], quietPeriod: DispatchTimeInterval = .milliseconds(30),
                settlePeriod: DispatchTimeInterval = .milliseconds(2),
                maximumDelay: DispatchTimeInterval = .milliseconds(300), forcePolling: Bool = false,
                deliver: @escaping @Sendable (Batch) -> Void) {
        self.roots = roots
        self.files = files
        self.quietPeriod = quietPeriod
        self.settlePeriod = settlePeriod
        self.maximumDelay = maximumDelay
        self.deliver = deliver
        let report: @Sendable (String, Bool) -> Void = { [weak self] path, settled in self?.record(path, settled: settled) }
        #if os(Linux)
        if !forcePolling, let inotify = InotifySource(roots: roots, files: files, report: report) {
            source = inotify
        } else {
            source = PollingSource(roots: roots + files, report: report)
        }
        #else
        source = PollingSource(roots: roots + files, report: report)
        #endif
        source?.start()
    }

    /// Which mechanism is in use, for the serve banner and tests.
    package var mechanism: String { source?.name ?? "none" }

    package func stop() {
        source?.stop()
        queue.sync { flush?.cancel() }
    }

    deinit { source?.stop() }

    /// `settled`: the event finished a change to `path` (closed after writing, moved in,
    /// deleted), as far as the source can tell.
    private func record(_ path: String, settled: Bool) {
        guard Self.isInteresting(path) else { return }
        queue.async { [self] in
            pending.insert(path)
            if settled { unsettled.remove(path) } else { unsettled.insert(path) }
            let now = DispatchTime.now()
            if firstPending == nil {
                firstPending = now
                // A batch that starts within a quiet period of the last event is a burst's.
                burst = lastEvent.map { now < $0 + quietPeriod } ?? false
            }
            lastEvent = now
            flush?.cancel()
            // Settled after a quiet spell, quiet for a moment, or waited long enough under a
            // steady stream of events.
            let wait = unsettled.isEmpty && !burst ? settlePeriod : quietPeriod
            let deadline = min(now + wait, firstPending! + maximumDelay)
            let item = DispatchWorkItem { [self] in
                let batch = pending
                pending = []
                unsettled = []
                firstPending = nil
                if !batch.isEmpty { deliver(batch) }
            }
            flush = item
            queue.asyncAfter(deadline: deadline, execute: item)
        }
    }

    /// Editors' swap and backup files are not content.
    static func isInteresting(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913" { return false }
        if name.hasPrefix(".#") { return false }
        return true
    }
}

/// Something that notices changes and reports paths.
protocol ChangeSource: AnyObject {
    var name: String { get }
    func start()
    func stop()
}

#if os(Linux)
/// inotify: one watch per folder; folders created later are watched as they appear.
final class InotifySource: ChangeSource, @unchecked Sendable {
    let name = "inotify"
    private let fd: Int32
    private let report: @Sendable (String, Bool) -> Void
    private var folders: [Int32: String] = [:]
    private let lock = NSLock()
    private var thread: Thread?
    private var stopped = false
    /// Written to wake the reading thread when stopping.
    private var wake: [Int32] = [-1, -1]

    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

    /// Folders watched with everything below them; folders created inside them are added.
    private var trees: [String] = []

    /// Nil when inotify is unavailable or a folder cannot be watched (the watch limit is
    /// reached): the caller polls instead of missing changes.
    init?(roots: [String], files: [String], report: @escaping @Sendable (String, Bool) -> Void) {
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.report = report
        guard pipe(&wake) == 0 else {
            close(fd)
            return nil
        }
        trees = roots
        var parents = Set<String>()
        for root in roots {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue {
                guard addTree(root) != nil else { return nil }
            } else {
                // Not there yet (a site without Templates/): its parent reports its creation.
                parents.insert((root as NSString).deletingLastPathComponent)
            }
        }
        // Single files (dossier.yml): their folder is watched, not what is below it.
        for file in files { parents.insert((file as NSString).deletingLastPathComponent) }
        for parent in parents { guard add(parent) else { return nil } }
    }

    deinit {
        close(fd)
        close(wake[0])
        close(wake[1])
    }

    @discardableResult
    private func add(_ folder: String) -> Bool {
        let wd = inotify_add_watch(fd, folder, Self.mask)
        guard wd >= 0 else { return false }
        lock.withLock { folders[wd] = folder }
        return true
    }

    /// Watches `folder` and every folder below it; returns the files found (for folders that
    /// appear with content already in them, such as a moved-in tree), or nil when a folder
    /// could not be watched. Links to folders are not followed: they could lead back up the
    /// tree, and the build skips those that do.
    @discardableResult
    private func addTree(_ folder: String) -> [String]? {
        guard add(folder) else { return nil }
        var files: [String] = []
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in entries {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                guard let inner = addTree(path) else { return nil }
                files += inner
            } else {
                files.append(path)
            }
        }
        return files
    }

    func start() {
        let thread = Thread { [self] in readLoop() }
        thread.name = "dossier.inotify"
        self.thread = thread
        thread.start()
    }

    func stop() {
        lock.withLock { stopped = true }
        var byte: UInt8 = 1
        _ = write(wake[1], &byte, 1)
    }

    private func readLoop() {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake[0], events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if lock.withLock({ stopped }) { return }
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let count = read(fd, buffer, size)
            guard count > 0 else { continue }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameLength = Int(event.len)
                let nameStart = buffer + offset + MemoryLayout<inotify_event>.size
                let name = nameLength > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                handle(event, name: name)
                offset += MemoryLayout<inotify_event>.size + nameLength
            }
        }
    }

    private func handle(_ event: inotify_event, name: String) {
        if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: say everything may have changed.
            for folder in lock.withLock({ Array(folders.values) }) { report(folder, false) }
            return
        }
        guard let folder = lock.withLock({ folders[event.wd] }) else { return }
        if event.mask & UInt32(IN_IGNORED) != 0 {
            lock.withLock { _ = folders.removeValue(forKey: event.wd) }
            return
        }
        let path = name.isEmpty ? folder : folder + "/" + name
        let isDirectory = event.mask & UInt32(IN_ISDIR) != 0
        // New folders are watched inside the watched trees only (not, say, an output
        // folder created beside dossier.yml).
        if isDirectory, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
           trees.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) {
            for file in addTree(path) ?? [] { report(file, true) }
        }
        // Created or modified: the writer may not be done. Closed after writing, moved,
        // deleted, a folder's or a file's attributes: the change is complete.
        let writing = !isDirectory && event.mask & UInt32(IN_CREATE | IN_MODIFY) != 0
        report(path, !writing)
    }
}
#endif

/// Polling: compares size, modification time and inode of every file under the roots.
final class PollingSource: ChangeSource, @unchecked Sendable {
    let name = "polling"
    private let roots: [String]
    private let report: @Sendable (String, Bool) -> Void
    private let interval: DispatchTimeInterval
    private let queue = DispatchQueue(label: "dossier.poll")
    private var known: [String: [Int]] = [:]
    private var timer: DispatchSourceTimer?

    init(roots: [String], interval: DispatchTimeInterval = .milliseconds(250), report: @escaping @Sendable (String, Bool) -> Void) {
        self.roots = roots
        self.report = report
        self.interval = interval
        known = scan()
    }

    func start() {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.poll() }
        self.timer = timer
        timer.resume()
    }

    func stop() {
        timer?.cancel()
        timer = nil
    }

    private func poll() {
        let now = scan()
        // A changed stamp says nothing of whether the writer is done: the quiet period decides.
        for (path, stamp) in now where known[path] != stamp { report(path, false) }
        for path in known.keys where now[path] == nil { report(path, false) }
        known = now
    }

    private func scan() -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        func visit(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            if info.st_mode & S_IFMT == S_IFDIR {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] { visit(path + "/" + name) }
            } else {
                #if os(Linux)
                let modified = info.st_mtim
                #else
                let modified = info.st_mtimespec
                #endif
                result[path] = [Int(info.st_size), Int(modified.tv_sec), Int(modified.tv_nsec), Int(info.st_ino)]
            }
        }
        for root in roots { visit(root) }
        return result
    }
}
