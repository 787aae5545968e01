import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How one child process ended, and what it wrote to standard output.
public struct ChildRun: Sendable {
    public enum End: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case couldNotStart(String)
    }

    public var end: End
    public var output: [UInt8]
    /// True when standard output was larger than the run's `maximumOutput` (it is not read).
    public var outputTooLarge: Bool = false
}

/// Runs a command as a child process (a Lambda handler, a `credential_process`): no shell, its own
/// process group, the input written to a file on standard input, standard output to a file read when
/// it ends, standard error appended to a log.
///
/// Invariants: the child never outlives `timeout` (past it the whole process group gets SIGKILL and
/// is reaped); the scratch files are removed before returning; signals the parent ignores (SIGPIPE)
/// are back to their defaults in the child.
public enum ChildProcess {
    /// Runs `command` (the program, then its arguments) in `workingDirectory` (empty: this process's
    /// folder) with `extra` added to this process's environment. `scratch` is the folder of the
    /// input and output files; `log` (or /dev/null) receives standard error.
    public static func run(
        _ command: [String], workingDirectory: String = "", timeout: Duration, input: [UInt8],
        scratch: String, log: String?, environment extra: [String: String] = [:], maximumOutput: Int
    ) -> ChildRun {
        guard let program = command.first, !program.isEmpty else {
            return ChildRun(end: .couldNotStart("the command is empty"), output: [])
        }
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let name = scratch + "/" + UUID().uuidString
        let inPath = name + ".event.json"
        let outPath = name + ".response.json"
        defer {
            unlink(inPath)
            unlink(outPath)
        }
        guard FileManager.default.createFile(atPath: inPath, contents: Data(input)) else {
            return ChildRun(end: .couldNotStart("cannot write the event to \(inPath)"), output: [])
        }
        let inFd = open(inPath, O_RDONLY | O_CLOEXEC)
        let outFd = open(outPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let errFd = open(log ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        defer {
            for fd in [inFd, outFd, errFd] where fd >= 0 { close(fd) }
        }
        guard inFd >= 0, outFd >= 0, errFd >= 0 else {
            return ChildRun(
                end: .couldNotStart("cannot open the child's files: \(String(cString: strerror(errno)))"),
                output: [])
        }
        let started = spawn(
            command, in: workingDirectory, program: program, fds: (inFd, outFd, errFd), environment: extra)
        guard case .success(let pid) = started else {
            if case .failure(let message) = started {
                return ChildRun(end: .couldNotStart(message.text), output: [])
            }
            return ChildRun(end: .couldNotStart("cannot start"), output: [])
        }
        let end = wait(pid, timeout: timeout)
        kill(-pid, SIGKILL)
        var size = stat()
        guard stat(outPath, &size) == 0 else { return ChildRun(end: end, output: []) }
        if Int(size.st_size) > maximumOutput { return ChildRun(end: end, output: [], outputTooLarge: true) }
        let bytes = FileManager.default.contents(atPath: outPath).map { Array($0) } ?? []
        return ChildRun(end: end, output: bytes)
    }

    struct SpawnError: Error {
        var text: String
    }

    typealias AddChdir =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 and later), which Swift's Glibc module
    /// does not export.
    static let addChdir: AddChdir? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    private static func spawn(
        _ command: [String], in workingDirectory: String, program: String, fds: (Int32, Int32, Int32),
        environment extra: [String: String]
    ) -> Result<pid_t, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds.0, 0)
        posix_spawn_file_actions_adddup2(&actions, fds.1, 1)
        posix_spawn_file_actions_adddup2(&actions, fds.2, 2)
        if !workingDirectory.isEmpty {
            guard FileManager.default.fileExists(atPath: workingDirectory) else {
                return .failure(SpawnError(text: "the folder \(workingDirectory) does not exist"))
            }
            guard let addChdir = addChdir else {
                return .failure(SpawnError(text: "this C library cannot start a process in another folder"))
            }
            _ = addChdir(&actions, workingDirectory)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var environment = ProcessInfo.processInfo.environment
        for (k, v) in extra { environment[k] = v }
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv + envp { free(p) }
        }
        var pid: pid_t = 0
        let status =
            program.contains("/")
            ? posix_spawn(&pid, program, &actions, &attributes, argv, envp)
            : posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        guard status == 0 else {
            return .failure(
                SpawnError(text: "cannot start '\(program)': \(String(cString: strerror(status)))"))
        }
        return .success(pid)
    }

    /// Waits for `pid`, killing its process group once `timeout` has passed.
    private static func wait(_ pid: pid_t, timeout: Duration) -> ChildRun.End {
        let deadline = ContinuousClock.now + timeout
        var pause: useconds_t = 1000
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { return ending(status) }
            if r < 0 && errno != EINTR { return .exited(-1) }
            if ContinuousClock.now >= deadline {
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return .timedOut
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    private static func ending(_ status: Int32) -> ChildRun.End {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}
