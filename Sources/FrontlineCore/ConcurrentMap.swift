import Foundation

extension Array {
    /// `map` with the elements transformed on every core at once (GCD's
    /// `concurrentPerform`), the results in the elements' order. For work
    /// whose pieces are independent and deterministic, so the result is the
    /// same as one after the other: formatting stripes of `resolve` output,
    /// the bands of a PNG, a layout's trial placements.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] where Element: Sendable {
        concurrentMapUnchecked(transform)
    }

    /// ``concurrentMap(_:)`` for a transform the compiler cannot prove safe on
    /// several threads at once: one that reads an object that is not
    /// `Sendable` (a map composer) while nothing changes it.
    ///
    /// - Important: `transform` must only read shared state.
    public func concurrentMapUnchecked<T>(_ transform: (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
            slots.initialize(repeating: nil)
            defer { slots.deinitialize().deallocate() }
            // Each iteration writes only its own slot; concurrentPerform returns
            // once every iteration has, so the slots are all written by then.
            nonisolated(unsafe) let output = slots, body = transform, input = self
            DispatchQueue.concurrentPerform(iterations: count) { i in output[i] = body(input[i]) }
            return slots.map { $0! }
        }
    }
}

/// `first` and `second` run at once on two cores; returns when both have.
/// For two independent pieces of work whose results are needed together
/// (a theatre's data and a map's basemap, both read from its files).
///
/// - Important: the two closures must not share mutable state.
public func concurrently<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            var a: A?, b: B?
            // Each iteration writes only its own variable; concurrentPerform returns once both have.
            nonisolated(unsafe) let bodies = (first, second)
            withUnsafeMutablePointer(to: &a) { aSlot in
                withUnsafeMutablePointer(to: &b) { bSlot in
                    nonisolated(unsafe) let slots = (aSlot, bSlot)
                    DispatchQueue.concurrentPerform(iterations: 2) { i in
                        if i == 0 { slots.0.pointee = bodies.0() } else { slots.1.pointee = bodies.1() }
                    }
                }
            }
            return (a!, b!)
        }
    }
}

/// Work started on another core now, whose result the caller takes later
/// (``wait()``): for a piece that does not depend on what the caller does
/// meanwhile (a map's basemap raster, drawn while its labels are placed).
///
/// - Important: `work` must not share mutable state with the caller.
public final class Background<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before `done` is signalled, read only after waiting on it.
    private var result: Result<Value, Error>?

    public init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result(catching: work)
            self.done.signal()
        }
    }

    /// The result, once the work is done; rethrows its error. Every call gets the same.
    public func wait() throws -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
