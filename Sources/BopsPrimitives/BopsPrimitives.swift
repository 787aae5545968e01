/// One copy of each primitive the modules share (files written atomically, file locks, RFC 3339
/// timestamps, UTF-8 checks, gzip and CRC32 through the system zlib). No module above it repeats one.
public enum BopsPrimitives {}
