#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A detached POSIX thread running one closure: Foundation's `Thread` without Foundation.
///
/// The thread is its own (not one of Swift's cooperative pool nor Dispatch's), so blocking work on
/// it starves nothing. It is detached: nothing joins it, and it frees itself when `body` returns.
public enum PosixThread {
    /// Starts `body` on a new thread. Traps only if the system refuses to create threads at all.
    public static func start(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Glibc)
            var thread = pthread_t()
        #else
            var thread: pthread_t?
        #endif
        let result = pthread_create(
            &thread, &attributes,
            { raw in
                #if canImport(Glibc)
                    let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
                #else
                    let body = Unmanaged<Body>.fromOpaque(raw).takeRetainedValue()
                #endif
                body.run()
                return nil
            }, box)
        precondition(result == 0, "pthread_create failed with \(result)")
    }

    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
