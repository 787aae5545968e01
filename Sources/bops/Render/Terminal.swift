import BopsPrimitives
import FoundationEssentials

/// The only place that writes to the process's standard streams.
enum Terminal {
    static func out(_ text: String) {
        write(text, to: .output)
    }

    static func err(_ text: String) {
        write(text, to: .error)
    }

    private static func write(_ text: String, to stream: StandardStream) {
        stream.write(text.hasSuffix("\n") ? text : text + "\n")
    }
}
