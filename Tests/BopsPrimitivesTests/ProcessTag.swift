import Testing

extension Tag {
    /// Starts a process or a server (bops, python, the AWS CLI, the emulator, moto): `.ci/run` runs
    /// these one after another, after the rest in parallel (scripts/test-passes.py).
    @Tag static var process: Self
}
