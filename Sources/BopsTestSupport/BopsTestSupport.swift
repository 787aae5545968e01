/// Fakes, oracles and temporary folders for the test targets. Never linked into the bops binary.
public enum BopsTestSupport {}
