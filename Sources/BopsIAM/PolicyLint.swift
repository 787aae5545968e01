public import BopsDiagnostics

/// Checks of a parsed policy that IAM itself does not refuse but that are surely mistakes.
public enum PolicyLint {
    /// An error for every action of a catalogued service (``ActionCatalog``) that names no real
    /// action, at the action's position, with the closest real action as a hint.
    public static func unknownActions(_ policy: ParsedPolicy) -> [Diagnostic] {
        policy.actions.compactMap { located in
            guard located.text != "*", !ActionCatalog.exists(located.text) else { return nil }
            let service = located.text.split(separator: ":").first.map(String.init) ?? ""
            let pattern = located.text.contains("*") || located.text.contains("?")
            let summary =
                pattern
                ? "the action pattern '\(located.text)' matches no \(service) action"
                : "'\(located.text)' is not an action of \(service)"
            let hint =
                ActionCatalog.suggestion(for: located.text).map { "did you mean '\($0)'?" }
                ?? "the Service Authorization Reference lists the actions of \(service)"
            return .error(summary, at: located.range, hint: hint)
        }
    }
}
