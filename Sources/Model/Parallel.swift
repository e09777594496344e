import Dispatch

extension Array where Element: Sendable {
    /// `map` on all cores. Results keep the input's order; `transform` must be pure.
    package func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let output = results
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: count) { i in
                output[i] = transform(input[i])
            }
        }
        return results.map { $0! }
    }
}

extension Array where Element: Sendable {
    /// Runs `body` for every element on all cores.
    package func parallelForEach(_ body: @Sendable (Element) -> Void) {
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: count) { body(input[$0]) }
        }
    }
}
