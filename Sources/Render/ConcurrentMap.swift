import Foundation

extension Array {
    /// `map` with the elements transformed on every core at once (GCD's
    /// `concurrentPerform`), the results in the elements' order. For work
    /// whose pieces are independent and deterministic, so the result is the
    /// same as one after the other: the layout's trial placements, the bands
    /// of a PNG.
    ///
    /// - Important: `transform` must only read shared state.
    func concurrentMap<T>(_ transform: (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
            slots.initialize(repeating: nil)
            defer { slots.deinitialize().deallocate() }
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let output = slots, body = transform, input = self
            DispatchQueue.concurrentPerform(iterations: count) { i in output[i] = body(input[i]) }
            return slots.map { $0! }
        }
    }
}
