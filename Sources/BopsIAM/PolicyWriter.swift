import BopsPrimitives

/// Writes the policy documents bops proposes for a role: JSON in the layout of AWS's examples,
/// one statement per resource (its actions sorted), statements in the order their resources first
/// appear. The output is stable for the same input, so it can be committed and diffed.
public enum PolicyWriter {
    /// The identity policy granting `permissions`; each statement's `Sid` says what it serves
    /// (`SourceObjects1`, `Destination`, `Report`), unique in the document.
    public static func document(for permissions: [JobPermission]) -> String {
        var resources: [String] = []
        var actions: [String: [String]] = [:]
        var origins: [String: JobPermission.Origin] = [:]
        for p in permissions {
            let r = p.permission.resource
            if actions[r] == nil {
                resources.append(r)
                origins[r] = p.origin
            }
            if !(actions[r] ?? []).contains(p.permission.action) {
                actions[r, default: []].append(p.permission.action)
            }
        }
        var used: [String: Int] = [:]
        let statements = resources.map { resource -> String in
            let base =
                origins[resource]! == .caller
                ? actions[resource]!.map { $0.split(separator: ":").last.map(String.init) ?? "" }.joined()
                : sidBase(origins[resource]!, resource: resource)
            used[base, default: 0] += 1
            let sid = used[base]! == 1 ? base : base + String(used[base]!)
            let list = actions[resource]!.sorted().map { "        " + quote($0) }.joined(separator: ",\n")
            return """
                    {
                      "Sid": \(quote(sid)),
                      "Effect": "Allow",
                      "Action": [
                \(list)
                      ],
                      "Resource": \(quote(resource))
                    }
                """
        }
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"
            + statements.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    static func sidBase(_ origin: JobPermission.Origin, resource: String) -> String {
        let bucketLevel = resource.hasPrefix("arn:aws:s3:::") && !resource.dropFirst(13).contains("/")
        switch origin {
        case .source: return bucketLevel ? "SourceBucket" : "SourceObjects"
        case .destination: return "Destination"
        case .manifest: return "Manifest"
        case .manifestOutput: return "GeneratedManifest"
        case .report: return "Report"
        case .kmsKey: return "KmsKey"
        case .function: return "LambdaFunction"
        case .caller: return "Caller"
        }
    }

    /// A JSON string literal.
    static func quote(_ s: String) -> String { jsonStringLiteral(s) }
}
